using System.Globalization;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Web.Infrastructure;
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
        Services.AddLocalization();
        Network.AddTo(Services);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Network.Dispose();
        }

        base.Dispose(disposing);
    }
}
