using System.Net;
using System.Xml.Linq;
using Broadsheet.Articles;
using Broadsheet.Tests.Search;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Sitemaps;

public sealed class SitemapTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    private readonly HttpClient _reader = app.CreateReader();

    private static async Task<byte[]> GetXmlAsync(HttpClient reader, string url)
    {
        var response = await reader.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    // Every sitemap the index lists, validated, with the URLs it holds.
    private static async Task<Dictionary<string, List<string>>> ValidSitemapsAsync(HttpClient reader)
    {
        var index = await GetXmlAsync(reader, "/sitemap.xml");
        await XmlSchemaCheck.AssertValidAsync(index, "siteindex.xsd", "/sitemap.xml");
        var sitemaps = new Dictionary<string, List<string>>();
        foreach (var loc in XDocument.Parse(System.Text.Encoding.UTF8.GetString(index)).Descendants(Sitemap + "loc").Select(l => l.Value))
        {
            var xml = await GetXmlAsync(reader, new Uri(loc).PathAndQuery);
            await XmlSchemaCheck.AssertValidAsync(xml, loc.EndsWith("news.xml", StringComparison.Ordinal) ? "news-urlset.xsd" : "sitemap.xsd", loc);
            sitemaps[new Uri(loc).AbsolutePath] = [.. XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml))
                .Descendants(Sitemap + "loc").Select(l => new Uri(l.Value).AbsolutePath)];
        }
        return sitemaps;
    }

    [Fact]
    public async Task A_site_with_nothing_published_answers_not_found_rather_than_an_invalid_sitemap()
    {
        using var empty = new BroadsheetApp { Settings = { ["Broadsheet:DemoContent"] = "false" } };

        var response = await empty.CreateReader().GetAsync(new Uri("/sitemap.xml", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_sitemap_index_and_every_sitemap_it_lists_are_valid_and_complete()
    {
        await app.AddArticleAsync("</loc> & <news:title> ]]> in a title", category: "news");

        var sitemaps = await ValidSitemapsAsync(_reader);

        Assert.Equal(["/sitemap-articles-1.xml", "/sitemap-authors.xml", "/sitemap-categories.xml", "/sitemap-news.xml", "/sitemap-tags.xml"],
            sitemaps.Keys.Order(StringComparer.Ordinal));
        var published = await app.WithDbAsync(db => db.Articles.Published(app.Time.GetUtcNow().UtcDateTime)
            .CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(published, sitemaps["/sitemap-articles-1.xml"].Count);
        Assert.Contains("/category/news/", sitemaps["/sitemap-categories.xml"]);
        Assert.Contains("/author/maren-holt/", sitemaps["/sitemap-authors.xml"]);
    }

    [Fact]
    public async Task Article_sitemaps_are_split_at_the_configured_size()
    {
        await using var small = new BroadsheetApp();
        small.Settings["Sitemaps:UrlsPerFile"] = "3";
        var reader = small.CreateReader();

        var sitemaps = await ValidSitemapsAsync(reader);

        var articleFiles = sitemaps.Where(s => s.Key.StartsWith("/sitemap-articles-", StringComparison.Ordinal)).ToList();
        var published = await small.WithDbAsync(db => db.Articles.Published(small.Time.GetUtcNow().UtcDateTime)
            .CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal((published + 2) / 3, articleFiles.Count);
        Assert.All(articleFiles, f => Assert.InRange(f.Value.Count, 1, 3));
        Assert.Equal(published, articleFiles.SelectMany(f => f.Value).Distinct().Count());
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_in_no_sitemap_and_news_holds_only_two_days()
    {
        var draft = await app.AddArticleAsync("Sitemap draft", status: ArticleStatus.Draft);
        var scheduled = await app.AddArticleAsync("Sitemap scheduled", age: TimeSpan.FromHours(-5));
        var old = await app.AddArticleAsync("Sitemap old news", age: TimeSpan.FromDays(3));
        var fresh = await app.AddArticleAsync("Sitemap fresh news", age: TimeSpan.FromDays(1));

        var sitemaps = await ValidSitemapsAsync(_reader);

        var everything = sitemaps.Values.SelectMany(urls => urls).ToList();
        Assert.DoesNotContain(everything, url => url.Contains(draft.Slug, StringComparison.Ordinal));
        Assert.DoesNotContain(everything, url => url.Contains(scheduled.Slug, StringComparison.Ordinal));
        Assert.Contains(sitemaps["/sitemap-news.xml"], url => url.Contains(fresh.Slug, StringComparison.Ordinal));
        Assert.DoesNotContain(sitemaps["/sitemap-news.xml"], url => url.Contains(old.Slug, StringComparison.Ordinal));
        Assert.Contains(sitemaps["/sitemap-articles-1.xml"], url => url.Contains(old.Slug, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_news_sitemap_names_the_publication_and_each_title()
    {
        await app.AddArticleAsync("Tide & \"time\" <wait> for no one");

        var news = XDocument.Parse(System.Text.Encoding.UTF8.GetString(await GetXmlAsync(_reader, "/sitemap-news.xml")));

        Assert.Contains("Tide & \"time\" <wait> for no one", news.Descendants(News + "title").Select(t => t.Value));
        Assert.All(news.Descendants(News + "name"), n => Assert.Equal("The Aldwick Broadsheet", n.Value));
    }

    [Fact]
    public async Task Robots_txt_points_at_the_sitemaps_with_absolute_addresses()
    {
        var robots = await _reader.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("User-agent: *", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_base_url_is_used_for_absolute_addresses()
    {
        await using var configured = new BroadsheetApp();
        configured.Settings["Site:BaseUrl"] = "https://news.example.org/";
        var reader = configured.CreateReader();

        var robots = await reader.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);
        var index = System.Text.Encoding.UTF8.GetString(await GetXmlAsync(reader, "/sitemap.xml"));

        Assert.Contains("Sitemap: https://news.example.org/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("<loc>https://news.example.org/sitemap-articles-1.xml</loc>", index, StringComparison.Ordinal);
    }
}
