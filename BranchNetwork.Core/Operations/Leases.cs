using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BranchNetwork.Core.Operations;

/// <summary>This portal process among the instances sharing a database: the holder it writes into a <see cref="Lease"/>.</summary>
public sealed record InstanceIdentity(string Id)
{
    public static InstanceIdentity ForThisProcess()
    {
        var id = $"{Environment.ProcessId}/{Guid.NewGuid():N}@{Environment.MachineName}";
        return new(id.Length <= Lease.HolderMaxLength ? id : id[..Lease.HolderMaxLength]);
    }
}

/// <summary>
/// Takes, renews and releases <see cref="Lease"/>s with conditional writes that only one instance can win: an
/// <c>UPDATE … WHERE ExpiresAtUtc &lt; now OR Holder = me</c> for a lease that exists, an <c>INSERT</c> (kept unique by
/// the name as primary key) for one that does not. Plain EF Core, the same on SQLite and PostgreSQL.
/// </summary>
/// <remarks>
/// Leases go through a context of their own (<see cref="IDbContextFactory{TContext}"/> of the system), never through a
/// feature's save: a lease is not audited and must not wait for a feature's transaction.
/// </remarks>
public sealed class Leases(IDbContextFactory<BranchNetworkDbContext> dbFactory, InstanceIdentity instance, TimeProvider time, ILogger<Leases> logger)
{
    /// <summary>How long a lease holds without renewal: long enough for a busy database, short enough to take over a killed holder's soon.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    public string Holder => instance.Id;

    /// <summary>Takes the lease if it is free, expired or already ours; renews it every third of its duration until disposed.</summary>
    /// <returns>The held lease, or null while another instance holds it.</returns>
    public async Task<HeldLease?> TryTakeAsync(string name, TimeSpan? duration = null, CancellationToken ct = default)
    {
        var hold = duration ?? DefaultDuration;
        if (!await TryWriteAsync(name, hold, ct))
        {
            return null;
        }

        logger.LogDebug("Took the lease {Lease} as {Holder}", name, Holder);
        return new HeldLease(this, name, hold);
    }

    /// <summary>Waits for the lease, trying again every <paramref name="poll"/> until it is ours or <paramref name="ct"/> ends.</summary>
    public async Task<HeldLease> TakeAsync(string name, TimeSpan? duration = null, TimeSpan? poll = null, CancellationToken ct = default)
    {
        var waited = false;
        while (true)
        {
            if (await TryTakeAsync(name, duration, ct) is { } held)
            {
                return held;
            }

            if (!waited)
            {
                logger.LogInformation("Waiting for the lease {Lease}: another portal instance holds it", name);
                waited = true;
            }

            // Waiting is measured on the machine's clock; only expiries are read on the portal's.
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>Who holds the lease now, or null when nobody does (tests, the operator's view).</summary>
    public async Task<string?> HolderOfAsync(string name, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Leases.Where(l => l.Name == name && l.ExpiresAtUtc > now).Select(l => l.Holder).FirstOrDefaultAsync(ct);
    }

    /// <summary>Deletes the expired leases whose names start with <paramref name="prefix"/> (one a day would pile up otherwise).</summary>
    public async Task ForgetExpiredAsync(string prefix, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Leases.Where(l => l.Name.StartsWith(prefix) && l.ExpiresAtUtc <= now).ExecuteDeleteAsync(ct);
    }

    /// <summary>Extends a lease we hold; false when it was lost (it expired and another instance took it).</summary>
    internal Task<bool> RenewAsync(string name, TimeSpan duration, CancellationToken ct) => ExtendAsync(name, time.GetUtcNow().UtcDateTime + duration, ct);

    /// <summary>Keeps a lease we hold until <paramref name="untilUtc"/> without renewal (the day's backup is done: nobody else does it today).</summary>
    internal Task<bool> ExtendAsync(string name, DateTime untilUtc, CancellationToken ct) => UpdateAsync(name, untilUtc, onlyOurs: true, ct);

    internal async Task ReleaseAsync(string name)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Leases.Where(l => l.Name == name && l.Holder == Holder).ExecuteDeleteAsync();
        logger.LogDebug("Released the lease {Lease}", name);
    }

    private async Task<bool> TryWriteAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + duration;
        if (await UpdateAsync(name, until, onlyOurs: false, ct))
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        db.Leases.Add(new Lease(name, Holder, until));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted it between our look and our insert: theirs. Anything else is a real failure.
            if (await ExistsAsync(name, ct))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>The one conditional write: only the holder, or anyone once the lease has expired, moves its expiry.</summary>
    private async Task<bool> UpdateAsync(string name, DateTime untilUtc, bool onlyOurs, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var holder = Holder;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var updated = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || (!onlyOurs && l.ExpiresAtUtc <= now)))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, untilUtc), ct);
        return updated == 1;
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Leases.AnyAsync(l => l.Name == name, ct);
    }
}

/// <summary>
/// A lease this instance holds: renewed in the background (every third of its duration, on the machine's clock)
/// until disposed, then released.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly Leases leases;
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private bool keep;

    internal HeldLease(Leases leases, string name, TimeSpan duration)
    {
        this.leases = leases;
        Name = name;
        renewing = RenewAsync(duration);
    }

    public string Name { get; }

    /// <summary>False once a renewal found the lease taken by another instance (this one stalled past its expiry).</summary>
    public bool IsHeld { get; private set; } = true;

    /// <summary>Stops renewing and keeps the lease until <paramref name="untilUtc"/> instead of releasing it.</summary>
    public async Task KeepUntilAsync(DateTime untilUtc, CancellationToken ct = default)
    {
        await StopRenewingAsync();
        keep = await leases.ExtendAsync(Name, untilUtc, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        if (!keep)
        {
            await leases.ReleaseAsync(Name);
        }

        stop.Dispose();
    }

    private async Task StopRenewingAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewAsync(TimeSpan duration)
    {
        try
        {
            while (IsHeld)
            {
                await Task.Delay(duration / 3, stop.Token);
                IsHeld = await leases.RenewAsync(Name, duration, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Released or kept.
        }
    }
}
