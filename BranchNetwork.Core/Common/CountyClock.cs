using Microsoft.Extensions.Configuration;

namespace BranchNetwork.Core.Common;

/// <summary>
/// The county's wall clock. Times are stored in UTC and shown in the county's zone (China Standard Time unless
/// the <c>TimeZone</c> setting names another).
/// </summary>
public sealed class CountyClock(TimeProvider time, TimeZoneInfo zone)
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public CountyClock(TimeProvider time, IConfiguration configuration)
        : this(time, TimeZoneInfo.FindSystemTimeZoneById(configuration["TimeZone"] is { Length: > 0 } id ? id : DefaultTimeZone))
    {
    }

    public TimeZoneInfo Zone { get; } = zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
