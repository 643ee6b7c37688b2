using System.Globalization;
using System.Resources;

namespace BranchNetwork.Web.Localization;

/// <summary>
/// DataAnnotations messages for input models (<c>ErrorMessageResourceType = typeof(ValidationText)</c>). DataAnnotations
/// can only read static properties, so these read the same resources as <c>IStringLocalizer&lt;SharedResource&gt;</c>,
/// in the current UI culture.
/// </summary>
public static class ValidationText
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    public static string Required => Get(nameof(Required));

    public static string StringLength => Get(nameof(StringLength));

    public static string Range => Get(nameof(Range));

    public static string Phone => Get(nameof(Phone));

    public static string Code => Get(nameof(Code));

    public static string Email => Get(nameof(Email));

    public static string PasswordLength => Get(nameof(PasswordLength));

    public static string PasswordsDiffer => Get(nameof(PasswordsDiffer));

    private static string Get(string name) =>
        Resources.GetString($"Validation.{name}", CultureInfo.CurrentUICulture) ?? name;
}
