using BranchNetwork.Core.Common;
using BranchNetwork.Web.Localization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Components.Shared;

/// <summary>
/// Sends a form's change to the service once at a time, and shows a refusal in the form that asked for it: under
/// the field the rule names, or above the form when it names none (a conflict, a missing parent). A field's
/// message goes when the field is edited.
/// </summary>
public sealed class FormSubmission
{
    private readonly EditContext context;
    private readonly IStringLocalizer<SharedResource> l;
    private readonly ValidationMessageStore store;
    private readonly Func<string, FieldIdentifier?>? fieldOf;

    /// <param name="fieldOf">Where a rule's field lies when it is not a property of the model (a row of a list in the form).</param>
    public FormSubmission(EditContext context, IStringLocalizer<SharedResource> l, Func<string, FieldIdentifier?>? fieldOf = null)
    {
        this.context = context;
        this.l = l;
        this.fieldOf = fieldOf;
        store = new ValidationMessageStore(context);
        context.OnFieldChanged += (_, e) => store.Clear(e.FieldIdentifier);
    }

    /// <summary>True while a change is on its way: the form's buttons are disabled, a second click does nothing.</summary>
    public bool Saving { get; private set; }

    /// <summary>A message that belongs to no single field.</summary>
    public string? General { get; private set; }

    public bool IsConflict { get; private set; }

    /// <returns>Whether the service accepted the change.</returns>
    public async Task<bool> SubmitAsync(Func<Task> save)
    {
        if (Saving)
        {
            return false;
        }

        Saving = true;
        Clear();
        try
        {
            await save();
            return true;
        }
        catch (DomainException e)
        {
            Show(e);
            return false;
        }
        finally
        {
            Saving = false;
        }
    }

    public void Clear()
    {
        store.Clear();
        General = null;
        IsConflict = false;
        context.NotifyValidationStateChanged();
    }

    public void Show(DomainException e)
    {
        var text = l.Error(e);
        IsConflict = e is ConcurrencyConflictException;
        var field = e.Field is null ? null
            : context.Model.GetType().GetProperty(e.Field) is not null ? context.Field(e.Field)
            : fieldOf?.Invoke(e.Field);
        if (field is { } f)
        {
            store.Add(f, text);
        }
        else
        {
            General = text;
        }

        context.NotifyValidationStateChanged();
    }
}
