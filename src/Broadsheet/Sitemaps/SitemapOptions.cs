using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Sitemaps;

// Operator settings of the "Sitemaps" section.
public sealed class SitemapOptions
{
    public const string Section = "Sitemaps";

    // The sitemaps.org protocol allows at most 50,000 URLs in one file.
    [Range(1, 50_000)]
    public int UrlsPerFile { get; set; } = 50_000;

    // Google News reads articles of the last two days only, at most 1,000 of them.
    [Range(1, 7)]
    public int NewsDays { get; set; } = 2;
}
