using Microsoft.Extensions.Options;

namespace Broadsheet.Shared;

// The one place that knows both the current time and the site's time zone. Everything is stored
// in UTC; the site's zone is used for permalink dates and for what readers see.
public sealed class SiteClock(TimeProvider time, IOptions<SiteOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    // A wall-clock time typed in the site's zone (a scheduling form) → UTC.
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    public DateTimeOffset ToLocalOffset(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), _zone);
}
