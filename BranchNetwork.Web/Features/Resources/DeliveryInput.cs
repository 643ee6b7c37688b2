using System.ComponentModel.DataAnnotations;
using BranchNetwork.Core.Resources;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Web.Features.Resources;

/// <summary>A delivery as the form on the deliveries page and the correction dialog take it.</summary>
public sealed class DeliveryInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    public string UnitCode { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    public DateTime? Date { get; set; }

    [Range(1, Delivery.MaxVolumes, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Range))]
    public int Volumes { get; set; }

    [Range(0, Delivery.MaxVolumes, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Range))]
    public int NewVolumes { get; set; }

    [StringLength(Delivery.NoteMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string? Note { get; set; }

    public DateOnly Day => DateOnly.FromDateTime(Date!.Value);

    public static DeliveryInput From(DeliveryRecord d) => new()
    {
        UnitCode = d.UnitCode, Date = d.Date.ToDateTime(TimeOnly.MinValue), Volumes = d.Volumes, NewVolumes = d.NewVolumes, Note = d.Note,
    };
}
