using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>The acting user of a test; switch <see cref="Actor"/> to act in another role.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public static readonly Actor Administrator = new("admin-id", "测试员 (tester@test.local)", Roles.Administrator);

    public Actor Actor { get; set; } = Administrator;

    public Task<Actor> GetActorAsync() => Task.FromResult(Actor);
}
