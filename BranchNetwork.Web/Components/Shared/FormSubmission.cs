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

    public FormSubmission(EditContext context, IStringLocalizer<SharedResource> l)
    {
        this.context = context;
        this.l = l;
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
        if (e.Field is not null && context.Model.GetType().GetProperty(e.Field) is not null)
        {
            store.Add(context.Field(e.Field), text);
        }
        else
        {
            General = text;
        }

        context.NotifyValidationStateChanged();
    }
}
