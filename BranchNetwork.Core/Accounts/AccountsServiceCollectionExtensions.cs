using BranchNetwork.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Identity's user and role stores on the portal's database, with the portal's account rules.</summary>
    public static IdentityBuilder AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<UserAdminService>();
        services.AddScoped<AccountBootstrapper>();
        return services.AddIdentityCore<ApplicationUser>(options =>
            {
                // "Confirmed" means "not disabled" here (ActiveAccountConfirmation); there is no e-mail confirmation.
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BranchNetworkDbContext>()
            .AddUserConfirmation<ActiveAccountConfirmation>();
    }
}
