using System.Net;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Tests.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Feeds;

public sealed class FeedTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private const string HostileTitle = "</title><script>alert(\"x\")</script> & ]]> “Tom's” <!-- \u0001end";
    private readonly HttpClient _reader = app.CreateReader();

    private async Task<FeedParser.ParsedFeed> ParsedAsync(string url)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = await FeedParser.ParseAsync(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(feed.Bozo == 0, $"{url}: {feed.Error}");
        return feed;
    }

    [Theory]
    [InlineData("/feed/", "rss20")]
    [InlineData("/feed/atom/", "atom10")]
    [InlineData("/category/news/feed/", "rss20")]
    [InlineData("/category/news/feed/atom/", "atom10")]
    [InlineData("/tag/harbour/feed/", "rss20")]
    [InlineData("/tag/harbour/feed/atom/", "atom10")]
    [InlineData("/author/maren-holt/feed/", "rss20")]
    [InlineData("/author/maren-holt/feed/atom/", "atom10")]
    [InlineData("/comments/feed/", "rss20")]
    [InlineData("/comments/feed/atom/", "atom10")]
    public async Task Every_feed_is_read_without_error_by_a_real_feed_parser(string url, string version)
    {
        var feed = await ParsedAsync(url);

        Assert.Equal(version, feed.Version);
        Assert.NotEmpty(feed.Entries);
        Assert.All(feed.Entries, e => Assert.StartsWith("http://localhost/", e.Link, StringComparison.Ordinal));
        Assert.All(feed.Entries, e => Assert.NotEmpty(e.Published));
    }

    [Theory]
    [InlineData("/feed/")]
    [InlineData("/feed/atom/")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    public async Task Feeds_and_sitemaps_answer_head_requests_as_well(string url)
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(url, UriKind.Relative));

        var response = await _reader.SendAsync(head, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task An_articles_comment_feed_lives_under_its_permalink()
    {
        var permalink = await _reader.FirstArticleWithCommentsAsync();

        var rss = await ParsedAsync(permalink + "feed/");
        var atom = await ParsedAsync(permalink + "feed/atom/");

        Assert.NotEmpty(rss.Entries);
        Assert.Equal(rss.Entries.Select(e => e.Id), atom.Entries.Select(e => e.Id));
        // Each comment links to its own address, which leads to the page of the thread showing it.
        Assert.All(rss.Entries, e => Assert.Matches(@"^http://localhost/comment/\d+/$", e.Link));
        var followed = await _reader.GetAsync(new Uri(rss.Entries[0].Link, UriKind.Absolute), TestContext.Current.CancellationToken);
        Assert.StartsWith(permalink, followed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("#comment-", followed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_titles_and_comments_arrive_as_the_text_that_was_written()
    {
        var article = await app.AddArticleAsync(HostileTitle, excerpt: "Fish & <chips>", category: "news");
        await AddCommentAsync(article.Id, "<b>not bold</b> & </content> ]]>", CommentStatus.Approved);

        foreach (var url in new[] { "/feed/", "/feed/atom/" })
        {
            var entry = (await ParsedAsync(url)).Entries.Single(e => e.Id.EndsWith($"/?p={article.Id}", StringComparison.Ordinal));
            Assert.Equal(HostileTitle.Replace("\u0001", "", StringComparison.Ordinal), entry.Title);
        }
        foreach (var url in new[] { "/comments/feed/", "/comments/feed/atom/" })
        {
            var entry = (await ParsedAsync(url)).Entries.First();
            Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", entry.Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Drafts_scheduled_articles_and_unapproved_comments_never_appear()
    {
        var draft = await app.AddArticleAsync("Secret draft", status: ArticleStatus.Draft, category: "news");
        var future = await app.AddArticleAsync("Tomorrow's news", age: TimeSpan.FromDays(-1), category: "news");
        var published = await app.AddArticleAsync("Open article", category: "news");
        foreach (var status in new[] { CommentStatus.Pending, CommentStatus.Spam, CommentStatus.Trash })
        {
            await AddCommentAsync(published.Id, $"A {status} comment", status);
        }
        await AddCommentAsync(draft.Id, "On a draft", CommentStatus.Approved);

        foreach (var url in new[] { "/feed/", "/feed/atom/", "/category/news/feed/", "/author/maren-holt/feed/", "/comments/feed/" })
        {
            var xml = await _reader.GetStringAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Secret draft", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Tomorrow", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Pending comment", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Spam comment", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Trash comment", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("On a draft", xml, StringComparison.Ordinal);
        }
        Assert.Empty((await ParsedAsync(app.Services.GetRequiredService<Permalinks>().For(published) + "feed/")).Entries);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(new Uri("/2026/11/29/" + future.Slug + "/feed/", UriKind.Relative),
            TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_feed_reader_polling_with_validators_gets_304_until_something_changes()
    {
        var first = await _reader.GetAsync(new Uri("/tag/theatre/feed/", UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byEtag = new HttpRequestMessage(HttpMethod.Get, "/tag/theatre/feed/");
        byEtag.Headers.IfNoneMatch.Add(etag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/tag/theatre/feed/");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await _reader.SendAsync(byEtag, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await _reader.SendAsync(byDate, TestContext.Current.CancellationToken)).StatusCode);

        await app.AddArticleAsync("A new play opens", tags: ["theatre"]);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/tag/theatre/feed/");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await _reader.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Guids_stay_the_same_when_an_article_is_retitled()
    {
        var article = await app.AddArticleAsync("First title", category: "news");
        var before = (await ParsedAsync("/feed/")).Entries.Single(e => e.Title == "First title");

        await app.UpdateArticleAsync(article.Id, a => (a.Title, a.Slug) = ("Second title", a.Slug + "-2"));
        var after = (await ParsedAsync("/feed/")).Entries.Single(e => e.Title == "Second title");

        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.Link, after.Link);
    }

    [Theory]
    [InlineData("/feed", "/feed/")]
    [InlineData("/feed/atom", "/feed/atom/")]
    [InlineData("/category/news/feed", "/category/news/feed/")]
    public async Task Feed_addresses_without_a_trailing_slash_redirect(string url, string canonical)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/category/no-such-section/feed/")]
    [InlineData("/tag/no-such-tag/feed/atom/")]
    [InlineData("/author/nobody/feed/")]
    [InlineData("/2020/01/01/no-such-article/feed/")]
    public async Task Feeds_of_unknown_things_are_not_found(string url)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_feeds_carry_full_text_or_only_the_excerpt_as_configured()
    {
        await using var excerptOnly = new BroadsheetApp();
        excerptOnly.Settings["Feeds:FullText"] = "false";
        var reader = excerptOnly.CreateReader();

        var full = await ParsedAsync("/feed/atom/");
        var brief = await FeedParser.ParseAsync(await reader.GetByteArrayAsync(new Uri("/feed/atom/", UriKind.Relative),
            TestContext.Current.CancellationToken));

        Assert.All(full.Entries, e => Assert.NotEmpty(e.Content));
        Assert.All(brief.Entries, e => Assert.Empty(e.Content));
        Assert.All(brief.Entries, e => Assert.NotEmpty(e.Summary));
    }

    private Task<int> AddCommentAsync(int articleId, string text, CommentStatus status) => app.WithDbAsync(db =>
    {
        db.Comments.Add(new Comment
        {
            ArticleId = articleId,
            AuthorName = "Hostile <Reader> & co",
            AuthorEmail = "reader@example.org",
            Content = text,
            Status = status,
            CreatedAt = app.Time.GetUtcNow().UtcDateTime,
        });
        return db.SaveChangesAsync(TestContext.Current.CancellationToken);
    });
}
