using System.Globalization;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Web.Infrastructure;
using BranchNetwork.Web.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// bUnit context for the portal's components: MudBlazor, the zh-CN strings, the real services on a fresh demo
/// network (real SQLite in memory) and a signed-in administrator (see <see cref="Authorization"/>).
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest(bool seedFigures = false)
    {
        Network = new TestNetwork(seedFigures: seedFigures);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddPortalLocalization();
        Network.AddTo(Services);
        // Pages with report buttons ask whether the server has the CJK font, as the portal registers it.
        Services.AddSingleton(new BranchNetwork.Web.Features.Reports.ReportFontStatus(BranchNetwork.Core.Reports.ReportFonts.Register(null)));
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("tester@test.local");
        Authorization.SetRoles(Roles.Administrator);
        Authorization.SetPolicies(Policies.Administrator, Policies.EditNetwork, Policies.EditUnits, Policies.WholeNetwork);
    }

    protected TestNetwork Network { get; }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Renders the providers that dialogs and popovers need, as the layout does.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogHost()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>Opens a dialog in a fresh dialog host, as a page's button does.</summary>
    protected async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await host.InvokeAsync(() => dialogs.ShowAsync<TDialog>("", parameters));
        return host;
    }

    /// <summary>Types into the text field with this label.</summary>
    protected static void Type(IRenderedComponent<MudDialogProvider> host, string label, string value)
    {
        var field = host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == label).QuerySelector("input, textarea")!;
        // A field read as it is typed listens to input, one read when left to change.
        if (field.HasAttribute("blazor:oninput"))
        {
            field.Input(value);
        }
        else
        {
            field.Change(value);
        }
    }

    protected static void Submit(IRenderedComponent<MudDialogProvider> host) => host.Find("form").Submit();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Network.Dispose();
        }

        base.Dispose(disposing);
    }
}
