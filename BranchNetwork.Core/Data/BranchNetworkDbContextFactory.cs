using BranchNetwork.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Opens one context per operation for the current user (scoped: a request, or a Blazor circuit), so each save
/// knows whom to write into the audit trail.
/// </summary>
public sealed class BranchNetworkDbContextFactory(
    DbContextOptions<BranchNetworkDbContext> options,
    ICurrentUser currentUser,
    TimeProvider time) : IDbContextFactory<BranchNetworkDbContext>
{
    public BranchNetworkDbContext CreateDbContext() => DatabaseProvider.CreateContext(options, currentUser, time);
}
