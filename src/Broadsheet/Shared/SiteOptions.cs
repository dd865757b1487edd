using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Shared;

// Operator settings of the "Site" section: what the paper is called and where it lives in time.
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    [Required]
    public string Title { get; set; } = "Broadsheet";

    public string Tagline { get; set; } = "News from the harbour and beyond";

    // IANA or Windows id. Permalink dates and the dates readers see are in this zone.
    [Required]
    public string TimeZone { get; set; } = "UTC";

    // The public address, e.g. https://news.example.org, for absolute links in feeds, sitemaps and
    // metadata. Unset, the address each request came in on is used.
    [Url]
    public string? BaseUrl { get; set; }

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Site:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }
}
