using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using Microsoft.Extensions.Time.Testing;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>The roster service on a fresh database, at a fixed moment (2026-03-02 10:00 in the county).</summary>
public sealed class TestNetwork : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public TestNetwork(bool seedDemo = true)
    {
        Clock = new CountyClock(Time, TimeZoneInfo.FindSystemTimeZoneById(CountyClock.DefaultTimeZone));
        Service = new NetworkService(Database, new TestCurrentUser(), Clock);
        if (seedDemo)
        {
            new DemoNetworkSeeder(Database, Clock).SeedAsync().GetAwaiter().GetResult();
        }
    }

    public TestDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public CountyClock Clock { get; }

    public NetworkService Service { get; }

    public void Dispose() => Database.Dispose();
}
