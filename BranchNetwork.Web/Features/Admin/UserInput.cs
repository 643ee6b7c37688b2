using System.ComponentModel.DataAnnotations;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Web.Features.Admin;

public sealed class UserInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [EmailAddress(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Email))]
    [StringLength(256, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(ApplicationUser.DisplayNameMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = Roles.HeadLibraryStaff;

    public string? BranchCode { get; set; }

    public static UserInput From(UserSummary user) => new()
    {
        Email = user.Email,
        DisplayName = user.DisplayName,
        Role = user.Role,
        BranchCode = user.BranchCode,
    };
}
