using System.Globalization;
using System.Text;
using System.Xml;

namespace Broadsheet.Sitemaps;

public sealed record SitemapUrl(string Loc, DateTime? LastModified);

public sealed record NewsUrl(string Loc, DateTime Published, string Title);

// The XML of the sitemaps.org protocol (sitemap index and URL sets) and of Google News sitemaps,
// written with an asynchronous XmlWriter; the writer escapes every value.
public static class SitemapWriter
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static Task<byte[]> IndexAsync(IEnumerable<SitemapUrl> sitemaps) => WriteAsync(async xml =>
    {
        await xml.WriteStartElementAsync(null, "sitemapindex", SitemapNs);
        foreach (var sitemap in sitemaps)
        {
            await xml.WriteStartElementAsync(null, "sitemap", SitemapNs);
            await WriteLocationAsync(xml, sitemap);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    });

    public static Task<byte[]> UrlSetAsync(IEnumerable<SitemapUrl> urls) => WriteAsync(async xml =>
    {
        await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
        foreach (var url in urls)
        {
            await xml.WriteStartElementAsync(null, "url", SitemapNs);
            await WriteLocationAsync(xml, url);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    });

    public static Task<byte[]> NewsAsync(string publication, IEnumerable<NewsUrl> urls) => WriteAsync(async xml =>
    {
        await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
        await xml.WriteAttributeStringAsync("xmlns", "news", null, NewsNs);
        foreach (var url in urls)
        {
            await xml.WriteStartElementAsync(null, "url", SitemapNs);
            await xml.WriteElementStringAsync(null, "loc", SitemapNs, url.Loc);
            await xml.WriteStartElementAsync("news", "news", NewsNs);
            await xml.WriteStartElementAsync("news", "publication", NewsNs);
            await xml.WriteElementStringAsync("news", "name", NewsNs, Feeds.FeedWriter.XmlSafe(publication));
            await xml.WriteElementStringAsync("news", "language", NewsNs, "en");
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync("news", "publication_date", NewsNs, W3cDate(url.Published));
            await xml.WriteElementStringAsync("news", "title", NewsNs, Feeds.FeedWriter.XmlSafe(url.Title));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    });

    private static async Task WriteLocationAsync(XmlWriter xml, SitemapUrl url)
    {
        await xml.WriteElementStringAsync(null, "loc", SitemapNs, url.Loc);
        if (url.LastModified is { } modified)
        {
            await xml.WriteElementStringAsync(null, "lastmod", SitemapNs, W3cDate(modified));
        }
    }

    private static string W3cDate(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<byte[]> WriteAsync(Func<XmlWriter, Task> write)
    {
        using var stream = new MemoryStream();
        await using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) }))
        {
            await xml.WriteStartDocumentAsync();
            await write(xml);
            await xml.WriteEndDocumentAsync();
            await xml.FlushAsync();
        }
        return stream.ToArray();
    }
}
