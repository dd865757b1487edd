using Microsoft.Extensions.Options;

namespace Broadsheet.Shared;

// The one place that knows both the current time and the site's time zone. Everything is stored
// in UTC; the site's zone is used for permalink dates and for what readers see.
public sealed class SiteClock(TimeProvider time, IOptions<SiteOptions> options)
{
    // Looked up on each use (the runtime caches zones): editors may change the zone in the settings.
    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    // A wall-clock time typed in the site's zone (a scheduling form) → UTC.
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public DateTimeOffset ToLocalOffset(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);
}
