using System.Net;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Comments;

// A long thread is read in pages of top-level comments (WordPress's comment-page-N): page 1 holds
// the oldest, the article's own address the newest, and every comment can be reached and replied to.
// The article has 75 top-level comments, each with two replies and a reply to the first: 300 in
// all, ten top-level comments to a page, so eight pages, the last holding five.
public sealed class CommentPageTests : IAsyncLifetime
{
    private const int Roots = 75;

    private readonly BroadsheetApp _app = new() { Settings = { ["Comments:CommentsPerPage"] = "10", ["Comments:Moderation"] = "None" } };
    private HttpClient _reader = null!;
    private string _permalink = "";
    private List<int> _rootIds = [];
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _reader = _app.CreateReader();
        var article = await _app.WithDbAsync(GenerateThreadAsync);
        _permalink = _app.Services.GetRequiredService<Permalinks>().For(article);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Article> GenerateThreadAsync(Broadsheet.Data.BroadsheetDb db)
    {
        var template = await db.Articles.AsNoTracking().FirstAsync(Cancel);
        var published = BroadsheetApp.Start.UtcDateTime.AddDays(-30);
        var article = new Article
        {
            Title = "A long thread", Slug = "a-long-thread", BodyMarkdown = "x", BodyHtml = "<p>x</p>",
            Status = ArticleStatus.Published, PublishedAt = published, UpdatedAt = published,
            AuthorId = template.AuthorId, CategoryId = template.CategoryId,
        };
        db.Articles.Add(article);
        var roots = Enumerable.Range(1, Roots).Select(i => Written(article, $"Root {i}", published.AddHours(i))).ToList();
        db.Comments.AddRange(roots);
        await db.SaveChangesAsync(Cancel);
        foreach (var (root, i) in roots.Select((r, i) => (r, i + 1)))
        {
            var first = Written(article, $"Reply {i}a", published.AddHours(i).AddMinutes(10), root);
            db.Comments.AddRange(first, Written(article, $"Reply {i}b", published.AddHours(i).AddMinutes(20), root),
                Written(article, $"Reply {i}a1", published.AddHours(i + 100), first));
        }
        await db.SaveChangesAsync(Cancel);
        _rootIds = [.. roots.Select(r => r.Id)];
        return article;
    }

    private static Comment Written(Article article, string text, DateTime at, Comment? parent = null) => new()
    {
        Article = article, Parent = parent, AuthorName = text, AuthorEmail = "reader@example.org", Content = text,
        Status = CommentStatus.Approved, CreatedAt = at,
    };

    private static string[] RootsOn(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("ol.comment-list > li > article .comment-author").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task The_article_shows_the_newest_page_with_the_total_count_and_a_link_to_older_comments()
    {
        var page = await _reader.GetPageAsync(_permalink);

        Assert.Equal(["Root 71", "Root 72", "Root 73", "Root 74", "Root 75"], RootsOn(page));
        Assert.Equal(20, page.QuerySelectorAll("li.comment").Length);
        Assert.NotNull(page.QuerySelector($"li#comment-{_rootIds[70]} > ol.children > li > ol.children > li"));
        Assert.Equal("300 Comments", page.QuerySelector("#comments-title")!.TextContent.Trim(), ignoreCase: true);
        Assert.Equal($"{_permalink}comment-page-7/#comments", page.QuerySelector("a.comment-page-older[rel=prev]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("a.comment-page-newer"));
    }

    [Fact]
    public async Task A_comments_own_address_leads_to_the_page_that_shows_it()
    {
        var oldRoot = _rootIds[3];
        var newRoot = _rootIds[72];

        var old = await _reader.GetAsync(new Uri($"/comment/{oldRoot}/", UriKind.Relative), Cancel);
        var recent = await _reader.GetAsync(new Uri($"/comment/{newRoot}/", UriKind.Relative), Cancel);
        var missing = await _reader.GetAsync(new Uri("/comment/999999/", UriKind.Relative), Cancel);

        Assert.Equal($"{_permalink}comment-page-1/#comment-{oldRoot}", old.Headers.Location!.OriginalString);
        Assert.Equal($"{_permalink}#comment-{newRoot}", recent.Headers.Location!.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        var landing = await _reader.GetPageAsync($"{_permalink}comment-page-1/");
        Assert.NotNull(landing.QuerySelector($"li#comment-{oldRoot}"));
    }

    [Fact]
    public async Task Page_one_holds_the_oldest_top_level_comments_with_all_their_replies()
    {
        var page = await _reader.GetPageAsync($"{_permalink}comment-page-1/");

        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => $"Root {i}")], RootsOn(page));
        Assert.Equal(40, page.QuerySelectorAll("li.comment").Length);
        Assert.Null(page.QuerySelector("a.comment-page-older"));
        Assert.Equal($"{_permalink}comment-page-2/#comments", page.QuerySelector("a.comment-page-newer[rel=next]")!.GetAttribute("href"));
        Assert.EndsWith($"{_permalink}comment-page-1/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("300 Comments", page.QuerySelector("#comments-title")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("comment-page-8/")] // the newest page is the article's own address
    [InlineData("comment-page-9/")] // past the end, as a link from a site with smaller pages
    public async Task A_page_number_that_is_not_an_older_page_is_sent_to_the_article_comments_for_now(string tail)
    {
        var response = await _reader.GetAsync(new Uri(_permalink + tail, UriKind.Relative), Cancel);

        // Temporary: once the thread grows, that page number holds older comments.
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(_permalink + "#comments", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_zero_is_not_found_and_a_page_without_its_slash_gets_one()
    {
        var zero = await _reader.GetAsync(new Uri($"{_permalink}comment-page-0/", UriKind.Relative), Cancel);
        var bare = await _reader.GetAsync(new Uri($"{_permalink}comment-page-3", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, zero.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal($"{_permalink}comment-page-3/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Only_the_page_s_top_level_comments_and_their_replies_are_read()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var pages = scope.ServiceProvider.GetRequiredService<CommentPages>();
        var articleId = await _app.WithDbAsync(db => db.Articles.Where(a => a.Slug == "a-long-thread").Select(a => a.Id).SingleAsync(Cancel));

        var page = await pages.LoadAsync(articleId, 3, 8, 10, browser: null, Cancel);

        Assert.Equal(40, page.Comments.Count);
        Assert.All(page.Comments, c => Assert.InRange(ThreadNumber(c.AuthorName), 21, 30));
    }

    // "Root 21", "Reply 21a1": the top-level comment a generated comment belongs to.
    private static int ThreadNumber(string name) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(name, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_reply_link_from_another_page_opens_the_page_holding_the_comment()
    {
        var response = await _reader.GetAsync(new Uri($"{_permalink}?replytocom={_rootIds[14]}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"{_permalink}comment-page-2/?replytocom={_rootIds[14]}#respond", response.Headers.Location!.OriginalString);
        var form = await _reader.GetPageAsync($"{_permalink}comment-page-2/?replytocom={_rootIds[14]}");
        Assert.Equal(_rootIds[14].ToString(System.Globalization.CultureInfo.InvariantCulture),
            form.QuerySelector("#commentform input[name=parent]")!.GetAttribute("value"));
        Assert.Contains("Reply to Root 15", form.QuerySelector("#reply-title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_an_old_comment_lands_on_the_page_that_holds_it()
    {
        var posted = await _reader.PostCommentAsync($"{_permalink}comment-page-2/?replytocom={_rootIds[14]}",
            new(Reader.ValidComment("Late to this one")) { ["parent"] = _rootIds[14].ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith($"{_permalink}comment-page-2/#comment-", location, StringComparison.Ordinal);
        var page = await _reader.GetPageAsync(location.Split('#')[0]);
        Assert.NotNull(page.QuerySelector($"li#comment-{_rootIds[14]} li#{location.Split('#')[1]}"));
    }

    [Fact]
    public async Task A_new_top_level_comment_lands_on_the_article_itself()
    {
        var posted = await _reader.PostCommentAsync(_permalink, Reader.ValidComment("First on the newest page"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches($"^{_permalink}#comment-\\d+$", location);
        var page = await _reader.GetPageAsync(_permalink);
        Assert.Equal("Ada Reader", RootsOn(page)[^1]);
        Assert.NotNull(page.QuerySelector($"ol.comment-list > li#{location.Split('#')[1]}"));
    }

    [Fact]
    public async Task A_comment_page_is_cached_and_a_new_reply_on_it_shows_at_once()
    {
        var url = $"{_permalink}comment-page-1/";
        using var first = await _reader.GetAsync(new Uri(url, UriKind.Relative), Cancel);
        using var second = await _reader.GetAsync(new Uri(url, UriKind.Relative), Cancel);
        Assert.NotNull(second.Headers.Age);

        await _app.WithDbAsync(async db =>
        {
            var root = await db.Comments.FirstAsync(c => c.Id == _rootIds[0], Cancel);
            db.Comments.Add(new Comment
            {
                ArticleId = root.ArticleId, ParentId = root.Id, AuthorName = "Moderator's pick", AuthorEmail = "m@example.org",
                Content = "Approved later", Status = CommentStatus.Approved, CreatedAt = BroadsheetApp.Start.UtcDateTime,
            });
            return await db.SaveChangesAsync(Cancel);
        });

        Assert.Contains("Approved later", await _reader.GetStringAsync(new Uri(url, UriKind.Relative), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_whose_parent_was_withdrawn_is_paged_as_a_top_level_comment()
    {
        await _app.WithDbAsync(db => db.Comments.Where(c => c.Id == _rootIds[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommentStatus.Trash), Cancel));

        var page = await _reader.GetPageAsync($"{_permalink}comment-page-1/");

        Assert.Equal(["Reply 1a", "Reply 1b", .. Enumerable.Range(2, 8).Select(i => $"Root {i}")], RootsOn(page));
    }
}
