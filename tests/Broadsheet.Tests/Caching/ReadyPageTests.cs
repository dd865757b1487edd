using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Broadsheet.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Caching;

// Cached pages a reader has already got are answered from their ready form, in front of the
// output cache: with the very answer the output cache gives, each encoding with its own bytes,
// and never after an eviction or from a page rendered across one.
public sealed class ReadyPageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static LocalPageTier Tier(BroadsheetApp app) => app.Services.GetRequiredService<LocalPageTier>();

    private static async Task<HttpResponseMessage> GetAsync(BroadsheetApp app, string url, string? acceptEncoding = null, string? ifNoneMatch = null)
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
        return await app.CreateReader().SendAsync(request, Cancel);
    }

    // Fetched once, the page is kept ready (just after its answer has gone out).
    private static async Task GetUntilReadyAsync(BroadsheetApp app, string url, string? acceptEncoding = null)
    {
        var before = Tier(app).ReadyPageCount;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, url, acceptEncoding)).StatusCode);
        await Until.TrueAsync(() => Task.FromResult(Tier(app).ReadyPageCount > before));
    }

    private static string Headers(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not "Age")
            .Select(h => h.Key + ": " + string.Join(", ", h.Value)));

    [Fact]
    public async Task A_ready_answer_is_the_output_cache_s_own_answer_header_for_header_and_byte_for_byte()
    {
        using var app = new BroadsheetApp();
        var permalink = await app.CreateReader().FirstArticleAsync();
        await GetUntilReadyAsync(app, permalink);

        var ready = await GetAsync(app, permalink);
        // A conditional request that does not match goes past the ready pages, to the output cache.
        var fromOutputCache = await GetAsync(app, permalink, ifNoneMatch: "\"not-this-page\"");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromOutputCache.StatusCode);
        Assert.Equal(Headers(fromOutputCache), Headers(ready));
        Assert.NotEmpty(ready.Headers.GetValues("Age"));
        Assert.Equal(await fromOutputCache.Content.ReadAsByteArrayAsync(Cancel), await ready.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("identity", "")]
    public async Task Each_encoding_is_answered_ready_with_its_own_bytes(string acceptEncoding, string expected)
    {
        using var app = new BroadsheetApp();
        var permalink = await app.CreateReader().FirstArticleAsync();
        var before = Tier(app).ReadyPageCount;
        var plain = await (await GetAsync(app, permalink)).Content.ReadAsByteArrayAsync(Cancel);
        await Until.TrueAsync(() => Task.FromResult(Tier(app).ReadyPageCount > before));
        foreach (var encoding in (string[])["br", "gzip"])
        {
            await GetUntilReadyAsync(app, permalink, encoding);
        }

        var ready = await GetAsync(app, permalink, acceptEncoding);
        var bytes = await ready.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(expected, string.Join(",", ready.Content.Headers.ContentEncoding));
        Assert.Equal("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)[..12]) + "\"", ready.Headers.ETag!.Tag);
        Assert.Equal(bytes.Length, ready.Content.Headers.ContentLength);
        Assert.Equal(plain, Decode(bytes, expected));
    }

    [Fact]
    public async Task A_comment_evicts_the_ready_page_and_the_next_reader_sees_it()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var permalink = await app.CreateReader().FirstArticleAsync();
        await GetUntilReadyAsync(app, permalink);
        var text = $"Ready no more {Guid.NewGuid():N}";

        // The reader's own visits to the article before posting bring no personal cookie yet.
        var posted = await app.CreateReader().PostCommentAsync(permalink, Reader.ValidComment(text));
        var after = await (await GetAsync(app, permalink)).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains(text, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_with_a_comment_awaiting_moderation_is_never_answered_from_a_ready_page()
    {
        using var app = new BroadsheetApp();
        var permalink = await app.CreateReader().FirstArticleAsync();
        await GetUntilReadyAsync(app, permalink);
        var reader = app.CreateReader();
        reader.DefaultRequestHeaders.Add("Cookie", $"{Broadsheet.Comments.CommenterCookies.BrowserTokenCookie}=0123456789abcdef0123456789abcdef0123");

        var page = await reader.GetAsync(new Uri(permalink, UriKind.Relative), Cancel);

        Assert.Equal("no-store, private", page.Headers.CacheControl!.ToString());
        Assert.False(page.Headers.Contains("Age"));
    }

    [Fact]
    public void A_page_rendered_across_an_eviction_is_neither_stored_nor_kept_ready()
    {
        using var tier = new LocalPageTier(1 << 20);
        PageInFlight.Begin(tier);

        tier.EvictByTag(CacheTags.Lists); // while the page renders
        var stored = tier.Set("page", [1, 2, 3], ["article:1"], TimeSpan.FromMinutes(1));

        Assert.False(stored);
        Assert.Null(tier.Get("page"));
    }

    [Fact]
    public void A_page_evicted_between_its_answer_and_keeping_it_is_not_kept_ready()
    {
        using var tier = new LocalPageTier(1 << 20);
        var inFlight = PageInFlight.Begin(tier);
        var body = Encoding.UTF8.GetBytes("<html>the page</html>");
        Assert.True(tier.Set("page", [.. "entry header"u8, .. body], ["article:1"], TimeSpan.FromMinutes(1)));
        var ready = ReadyPage.From("4:http9:localhost0:5:/page0:8:identity", AnswerWith(body), inFlight.Stored!.Bytes);
        Assert.NotNull(ready);

        tier.EvictByTag("article:2"); // any eviction: the page may show what it took away

        Assert.False(tier.Keep(inFlight, ready));
        Assert.Equal(0, tier.ReadyPageCount);
    }

    [Fact]
    public void A_kept_page_goes_with_its_stored_page_when_its_tag_is_evicted()
    {
        using var tier = new LocalPageTier(1 << 20);
        var inFlight = PageInFlight.Begin(tier);
        var body = Encoding.UTF8.GetBytes("<html>the page</html>");
        tier.Set("page", [.. "entry header"u8, .. body], ["article:1"], TimeSpan.FromMinutes(1));
        var address = "4:http9:localhost0:5:/page0:8:identity";
        Assert.True(tier.Keep(inFlight, ReadyPage.From(address, AnswerWith(body), inFlight.Stored!.Bytes)!));
        Assert.NotNull(tier.Ready(address));

        tier.EvictByTag("article:1");

        Assert.Null(tier.Ready(address));
        Assert.Null(tier.Get("page"));
    }

    private static HttpResponse AnswerWith(byte[] body)
    {
        var response = new DefaultHttpContext().Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = body.Length;
        response.Headers.ETag = ReaderPageHeaders.ETagOf(body);
        response.Headers.ContentType = "text/html; charset=utf-8";
        return response;
    }

    private static byte[] Decode(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoded = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => input,
        };
        using var output = new MemoryStream();
        decoded.CopyTo(output);
        return output.ToArray();
    }
}
