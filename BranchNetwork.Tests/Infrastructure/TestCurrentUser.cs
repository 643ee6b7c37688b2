using BranchNetwork.Core.Common;

namespace BranchNetwork.Tests.Infrastructure;

public sealed class TestCurrentUser(string name = "测试员 (tester@test.local)") : ICurrentUser
{
    public Task<Actor> GetActorAsync() => Task.FromResult(new Actor("test-user", name));
}
