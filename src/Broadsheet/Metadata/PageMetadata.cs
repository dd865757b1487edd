namespace Broadsheet.Metadata;

// What a page tells search engines and social sites beyond its title and description. A page puts
// one in ViewData[PageMetadata.Key]; PageMetadataHtml (in the layout's head) writes it, and
// renders sensible defaults for pages that set nothing.
public sealed record PageMetadata
{
    public const string Key = "Broadsheet.PageMetadata";

    public string OpenGraphType { get; init; } = "website";
    public string? ImageUrl { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    // Already serialised by StructuredData: safe to write inside <script type="application/ld+json">.
    public JsonLdBlock? JsonLd { get; init; }

    public IReadOnlyList<FeedLink> Feeds { get; init; } = [];
}

public sealed record FeedLink(string Title, string Path, string MediaType = "application/rss+xml")
{
    // The site's feeds on every page, and the archive's own feed on section, tag and author pages.
    public static IEnumerable<FeedLink> For(string path, string pageTitle, string siteTitle)
    {
        yield return new FeedLink($"{siteTitle} » Feed", "/feed/");
        yield return new FeedLink($"{siteTitle} » Atom Feed", "/feed/atom/", "application/atom+xml");
        yield return new FeedLink($"{siteTitle} » Comments Feed", "/comments/feed/");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0] is "category" or "tag" or "author")
        {
            yield return new FeedLink($"{siteTitle} » {pageTitle} Feed", $"/{segments[0]}/{segments[1]}/feed/");
        }
    }
}
