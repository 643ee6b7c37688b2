using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Resources;

public static class ResourcesServiceCollectionExtensions
{
    /// <param name="contentRoot">Photos go to <c>App_Data/photos</c> under it unless <c>Photos:Folder</c> says otherwise.</param>
    public static IServiceCollection AddResources(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<PhotoOptions>().Bind(configuration.GetSection(PhotoOptions.Section)).PostConfigure(o =>
            o.Folder = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Folder) ? Path.Combine("App_Data", "photos") : o.Folder, contentRoot));
        services.AddSingleton<PhotoStore>();
        services.AddScoped<ResourcesService>();
        services.AddScoped<ProgrammeService>();
        services.AddScoped<DemoResources>();
        return services;
    }
}
