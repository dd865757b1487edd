using System.Net;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Articles;

public class ReaderPagesTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task The_home_page_lists_the_latest_articles_newest_first_and_pages_on()
    {
        var home = await _reader.GetPageAsync("/");
        var times = home.QuerySelectorAll(".article-summary time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var published = await app.WithDbAsync(db => db.Articles.Published(BroadsheetApp.Start.UtcDateTime).CountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(10, times.Count);
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("/page/2/", home.QuerySelector("a.older")!.GetAttribute("href"));

        var second = await _reader.GetPageAsync("/page/2/");
        Assert.Equal(published - 10, second.QuerySelectorAll(".article-summary").Length);
        Assert.Equal("/", second.QuerySelector("a.newer")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("a.older"));

        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(new Uri("/page/99/", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_article_page_shows_headline_byline_section_tags_body_and_threaded_comments()
    {
        var permalink = await _reader.FirstArticleWithCommentsAsync();
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .SingleAsync(a => a.Slug == slug, TestContext.Current.CancellationToken));
        var approved = await app.WithDbAsync(db => db.Comments.CountAsync(c => c.ArticleId == article.Id && c.Status == CommentStatus.Approved, TestContext.Current.CancellationToken));

        var page = await _reader.GetPageAsync(permalink);

        Assert.Equal(article.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(article.Author.Name, page.QuerySelector(".byline a[rel=author]")!.TextContent);
        Assert.Equal(article.Category.Name, page.QuerySelector(".article-header .kicker a")!.TextContent);
        Assert.Equal(article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal), page.QuerySelectorAll("a[rel=tag]").Select(a => a.TextContent));
        Assert.NotEmpty(page.QuerySelectorAll(".article-body p"));
        Assert.Equal(CommentCounts.Phrase(approved), page.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal(approved, page.QuerySelectorAll("li.comment[id^=comment-]").Length);
        Assert.Equal(article.Title + " – The Aldwick Broadsheet", page.Title);
    }

    [Fact]
    public async Task Replies_are_shown_inside_the_comment_they_answer()
    {
        var reply = await app.WithDbAsync(db => db.Comments.FirstAsync(c => c.ParentId != null && c.Status == CommentStatus.Approved, TestContext.Current.CancellationToken));
        var permalink = await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Id == reply.ArticleId, TestContext.Current.CancellationToken);
            return new Permalinks(new Broadsheet.Shared.SiteClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Broadsheet.Shared.SiteOptions()))).For(article);
        });

        var page = await _reader.GetPageAsync(permalink);

        Assert.NotNull(page.QuerySelector($"li#comment-{reply.ParentId} > ol.children > li#comment-{reply.Id}"));
    }

    [Theory]
    [InlineData("/category/{0}/", "Categories")]
    [InlineData("/tag/{0}/", "Tags")]
    [InlineData("/author/{0}/", "Authors")]
    public async Task Archives_list_only_their_own_articles(string pattern, string kind)
    {
        var (slug, titles) = await app.WithDbAsync(async db =>
        {
            var query = db.Articles.Published(BroadsheetApp.Start.UtcDateTime);
            var (s, filtered) = kind switch
            {
                "Categories" => await db.Categories.Select(c => c.Slug).FirstAsync(TestContext.Current.CancellationToken) is var c ? (c, query.Where(a => a.Category.Slug == c)) : default,
                "Tags" => await db.Tags.Select(t => t.Slug).FirstAsync(TestContext.Current.CancellationToken) is var t ? (t, query.Where(a => a.Tags.Any(x => x.Slug == t))) : default,
                _ => await db.Authors.Select(a => a.Slug).FirstAsync(TestContext.Current.CancellationToken) is var u ? (u, query.Where(a => a.Author.Slug == u)) : default,
            };
            return (s, await filtered.OrderByDescending(a => a.PublishedAt).Select(a => a.Title).Take(10).ToListAsync(TestContext.Current.CancellationToken));
        });

        var page = await _reader.GetPageAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, slug));

        Assert.NotEmpty(titles);
        Assert.Equal(titles, page.QuerySelectorAll(".article-summary h2 a").Select(a => a.TextContent));
    }

    [Theory]
    [InlineData("/no-such-page/")]
    [InlineData("/category/no-such-section/")]
    [InlineData("/tag/no-such-tag/")]
    [InlineData("/author/nobody/")]
    [InlineData("/2020/01/01/no-such-article/")]
    public async Task Unknown_addresses_get_a_proper_not_found_page(string url)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Page not found", (await Reader.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Addresses_without_the_trailing_slash_or_with_the_wrong_date_redirect_to_the_permalink()
    {
        var permalink = await _reader.FirstArticleAsync();
        var slug = permalink.TrimEnd('/').Split('/')[^1];

        var noSlash = await _reader.GetAsync(new Uri(permalink.TrimEnd('/') + "?x=1", UriKind.Relative), TestContext.Current.CancellationToken);
        var wrongDate = await _reader.GetAsync(new Uri($"/1999/1/2/{slug}/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, noSlash.StatusCode);
        Assert.Equal(permalink + "?x=1", noSlash.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, wrongDate.StatusCode);
        Assert.Equal(permalink, wrongDate.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_not_public()
    {
        var (draft, scheduled) = await app.WithDbAsync(async db =>
        {
            var template = await db.Articles.AsNoTracking().FirstAsync(TestContext.Current.CancellationToken);
            Article Copy(string slug, ArticleStatus status, DateTime at) => new()
            {
                Title = "Embargoed: " + slug, Slug = slug, BodyMarkdown = "x", BodyHtml = "<p>x</p>", Status = status,
                PublishedAt = at, UpdatedAt = at, AuthorId = template.AuthorId, CategoryId = template.CategoryId,
            };
            var d = Copy("a-draft-story", ArticleStatus.Draft, BroadsheetApp.Start.UtcDateTime.AddHours(-1));
            var s = Copy("a-scheduled-story", ArticleStatus.Published, BroadsheetApp.Start.UtcDateTime.AddDays(2));
            db.Articles.AddRange(d, s);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return (d, s);
        });

        var home = await _reader.GetPageAsync("/");
        var draftPage = await _reader.GetAsync(new Uri("/2026/11/29/a-draft-story/", UriKind.Relative), TestContext.Current.CancellationToken);
        var scheduledPage = await _reader.GetAsync(new Uri("/2026/12/01/a-scheduled-story/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Embargoed", home.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scheduledPage.StatusCode);
        Assert.NotEqual(draft.Id, scheduled.Id);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_checks_answer_when_the_database_is_reachable(string url)
    {
        var response = await _reader.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pages_carry_safe_default_headers()
    {
        var response = await _reader.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
