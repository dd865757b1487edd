using System.IO.Compression;
using System.Net;
using System.Text;
using Broadsheet.Comments;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Caching;

// What caches in front of the site (a CDN, a proxy, the reader's browser) are told: how long a
// page may be kept and by whom, how to revalidate it, which tags purge it, and in which encodings.
public sealed class HttpCachingTests(HttpCachingTests.SharedApp shared) : IClassFixture<HttpCachingTests.SharedApp>
{
    public sealed class SharedApp : IDisposable
    {
        // Static assets are answered as in production (in Development they are sent no-cache).
        public BroadsheetApp App { get; } = new()
        {
            Settings = { ["Comments:Moderation"] = "None", ["EnableStaticAssetsDevelopmentCaching"] = "true" },
        };

        public void Dispose() => App.Dispose();
    }

    private readonly BroadsheetApp _app = shared.App;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding = null, HttpClient? client = null,
        string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await (client ?? _app.CreateReader()).SendAsync(request, Cancel);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : "";

    private static IEnumerable<string> Directives(HttpResponseMessage response) =>
        Header(response, "Cache-Control").Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);

    private async Task<int> ArticleIdAsync(string permalink)
    {
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        return await _app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.Id).FirstAsync(Cancel));
    }

    [Fact]
    public async Task Reader_pages_tell_shared_caches_how_long_to_keep_them_and_which_tags_purge_them()
    {
        var permalink = await _app.CreateReader().FirstArticleAsync();
        var id = await ArticleIdAsync(permalink);

        var article = await GetAsync(permalink);
        var home = await GetAsync("/");

        Assert.Equal(["max-age=30", "public", "s-maxage=120", "stale-if-error=86400", "stale-while-revalidate=60"], Directives(article));
        Assert.Equal(["article:" + id, "pages"], Header(article, "Surrogate-Key").Split(' ').Order());
        Assert.Equal(["article:" + id, "pages"], Header(article, "Cache-Tag").Split(',').Order());
        Assert.Equal(["lists", "pages"], Header(home, "Surrogate-Key").Split(' ').Order());
        Assert.Contains("Accept-Encoding", Header(article, "Vary"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(article, "X-Content-Type-Options"));
    }

    // The security headers are set inside the page cache: a cached answer carries those stored with it.
    [Fact]
    public async Task A_page_served_from_the_cache_carries_the_security_headers()
    {
        var permalink = await _app.CreateReader().FirstArticleAsync();
        await GetAsync(permalink);

        var cached = await GetAsync(permalink);

        Assert.NotEmpty(Header(cached, "Age"));
        Assert.Contains("script-src 'self'", Header(cached, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(cached, "X-Content-Type-Options"));
        Assert.Equal("SAMEORIGIN", Header(cached, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(cached, "Referrer-Policy"));
    }

    [Fact]
    public async Task A_reader_who_bypasses_the_cache_gets_a_private_page_that_no_cache_keeps()
    {
        var reader = _app.CreateReader();
        reader.DefaultRequestHeaders.Add("Cookie", $"{CommenterCookies.BrowserTokenCookie}=0123456789abcdef0123456789abcdef0123");
        var permalink = await reader.FirstArticleAsync();

        var page = await GetAsync(permalink, client: reader);

        Assert.Equal(["no-store", "private"], Directives(page));
        Assert.Equal("", Header(page, "Surrogate-Key"));
        Assert.Equal("", Header(page, "ETag"));
    }

    [Fact]
    public async Task Signed_in_staff_get_fresh_private_pages_with_their_back_office_link()
    {
        var permalink = await _app.CreateReader().FirstArticleAsync();
        await GetAsync(permalink); // cached for anonymous readers
        var editor = await _app.SignedInAsync("Editor", "cache-editor@newsroom.example");

        var page = await GetAsync(permalink, client: editor);

        Assert.Equal(["no-store", "private"], Directives(page));
        Assert.Contains("Back office", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_answers_304_to_its_etag_until_a_comment_changes_it()
    {
        var reader = _app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var first = await GetAsync(permalink);
        var etag = Header(first, "ETag");

        var unchanged = await GetAsync(permalink, ifNoneMatch: etag);
        await _app.CreateReader().PostCommentAsync(permalink, Reader.ValidComment($"Changes the page {Guid.NewGuid():N}"));
        var changed = await GetAsync(permalink, ifNoneMatch: etag);

        Assert.Matches("^\"[0-9a-f]{24}\"$", etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, Header(unchanged, "ETag"));
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, Header(changed, "ETag"));
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("identity", "")]
    public async Task Pages_come_compressed_as_the_reader_asks(string acceptEncoding, string expected)
    {
        var permalink = await _app.CreateReader().FirstArticleAsync();
        var plain = await (await GetAsync(permalink)).Content.ReadAsStringAsync(Cancel);

        var first = await GetAsync(permalink, acceptEncoding);
        var cached = await GetAsync(permalink, acceptEncoding);

        foreach (var response in (HttpResponseMessage[])[first, cached])
        {
            Assert.Equal(expected, Header(response, "Content-Encoding"));
            Assert.Equal(plain, await DecodeAsync(response));
        }
        Assert.Equal(Header(first, "ETag"), Header(cached, "ETag"));
    }

    [Fact]
    public async Task Each_encoding_of_a_page_has_its_own_etag()
    {
        var permalink = await _app.CreateReader().FirstArticleAsync();

        var etags = new[] { "br", "gzip", "identity" }.Select(async e => Header(await GetAsync(permalink, e), "ETag"));

        Assert.Equal(3, (await Task.WhenAll(etags)).Distinct().Count());
    }

    [Fact]
    public async Task Feeds_and_sitemaps_come_compressed_and_the_back_office_never_does()
    {
        var feed = await GetAsync("/feed/", "br");
        var sitemap = await GetAsync("/sitemap.xml", "gzip");
        var login = await GetAsync("/admin/login", "br, gzip");

        Assert.Equal("br", Header(feed, "Content-Encoding"));
        Assert.StartsWith("<?xml", await DecodeAsync(feed), StringComparison.Ordinal);
        Assert.StartsWith("W/", Header(feed, "ETag"), StringComparison.Ordinal);
        Assert.Equal("gzip", Header(sitemap, "Content-Encoding"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("", Header(login, "Content-Encoding"));
    }

    [Fact]
    public async Task Styles_and_scripts_have_fingerprinted_addresses_kept_for_a_year()
    {
        var reader = _app.CreateReader();
        var page = await reader.GetPageAsync(await reader.FirstArticleAsync());
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var js = page.QuerySelector("script[src*='comments']")!.GetAttribute("src")!;

        var style = await GetAsync(css, "gzip");
        var script = await GetAsync(js);

        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", css);
        Assert.Matches(@"^/js/comments\.[a-z0-9]+\.js$", js);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Contains("immutable", Header(style, "Cache-Control"), StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", Header(script, "Cache-Control"), StringComparison.Ordinal);
        Assert.Equal("gzip", Header(style, "Content-Encoding"));
        Assert.Contains("Accept-Encoding", Header(style, "Vary"), StringComparison.Ordinal);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        await using Stream decoded = Header(response, "Content-Encoding") switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            _ => body,
        };
        using var text = new StreamReader(decoded, Encoding.UTF8);
        return await text.ReadToEndAsync(Cancel);
    }
}
