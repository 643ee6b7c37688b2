using System.Globalization;
using BranchNetwork.Core.Network;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// bUnit context for the portal's components: MudBlazor, the zh-CN strings and the real services on a fresh demo
/// network (real SQLite in memory).
/// </summary>
public abstract class ComponentTest : BunitContext
{
    protected ComponentTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddTestServices(Network);
    }

    protected TestNetwork Network { get; } = new();

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

public static class ComponentTestServices
{
    public static IServiceCollection AddTestServices(this IServiceCollection services, TestNetwork network)
    {
        services.AddMudServices();
        services.AddLocalization();
        services.AddSingleton(network.Clock);
        services.AddSingleton(network.Service);
        return services;
    }
}
