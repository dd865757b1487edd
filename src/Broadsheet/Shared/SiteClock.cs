using Microsoft.Extensions.Options;

namespace Broadsheet.Shared;

// The one place that knows both the current time and the site's time zone. Everything is stored
// in UTC; the site's zone is used for permalink dates and for what readers see.
public sealed class SiteClock(TimeProvider time, IOptions<SiteOptions> options)
{
    // Editors may change the zone in the settings: the last one looked up is kept while it stays
    // the same (a list page converts dozens of dates, and each lookup takes the runtime's lock).
    private TimeZoneInfo Zone
    {
        get
        {
            var id = options.Value.TimeZone;
            var last = _zone;
            if (last is null || last.Id != id)
            {
                _zone = last = new KnownZone(id, TimeZoneInfo.FindSystemTimeZoneById(id));
            }
            return last.Zone;
        }
    }

    private volatile KnownZone? _zone;

    private sealed record KnownZone(string Id, TimeZoneInfo Zone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    // A wall-clock time typed in the site's zone (a scheduling form) → UTC.
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public DateTimeOffset ToLocalOffset(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);
}
