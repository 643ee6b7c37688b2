namespace BranchNetwork.Core.Operations;

/// <summary>Where backups go, how many are kept and when the daily one is taken (section <c>Backup</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The backup folder; relative paths are under the content root. Default <c>App_Data/backups</c>.</summary>
    public string Directory { get; set; } = "";

    /// <summary>How many backups the folder keeps; the oldest beyond this are deleted after each backup.</summary>
    public int RetainCount { get; set; } = 14;

    /// <summary>
    /// The folder of PostgreSQL's <c>pg_dump</c> and <c>pg_restore</c> (then only this one is searched); empty: the PATH,
    /// then Debian's <c>/usr/lib/postgresql/*/bin</c>. Used only on PostgreSQL.
    /// </summary>
    public string? PostgreSqlTools { get; set; }

    /// <summary>The county's local time of the daily backup (<c>HH:mm</c>); empty turns the schedule off.</summary>
    public string? DailyAt { get; set; } = "02:30";

    /// <summary>The parsed <see cref="DailyAt"/>, or null when there is no schedule.</summary>
    public TimeOnly? DailyTime => TimeOnly.TryParseExact(DailyAt, "HH:mm", out var at) ? at : null;

    /// <summary>The next daily backup after <paramref name="utcNow"/>, at <see cref="DailyTime"/> in the county's zone.</summary>
    public static DateTime NextRunUtc(DateTime utcNow, TimeOnly at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var next = DateOnly.FromDateTime(local).ToDateTime(at);
        if (next <= local)
        {
            next = next.AddDays(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(next, DateTimeKind.Unspecified), zone);
    }
}
