using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Data;

// Reader pages read through connections that keep their statements prepared (SqliteReaders).
// Whatever the app writes must show on the very next uncached view, and many readers at once must
// each get the whole page. On PostgreSQL the same journeys cover the ordinary path.
public class KeptStatementsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BroadsheetApp Uncached() => new() { Settings = { ["Caching:Enabled"] = "false" } };

    [Fact]
    public async Task A_comment_approved_by_a_moderator_shows_on_the_next_uncached_view()
    {
        using var app = Uncached();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var stranger = app.CreateReader();
        var permalink = await stranger.FirstArticleAsync();
        var title = (await stranger.GetPageAsync(permalink)).QuerySelector("#comments-title")!.TextContent;
        var posted = await app.CreateReader("203.0.113.9").PostCommentAsync(permalink, Reader.ValidComment("Held, then approved.", "first@example.org"));
        var held = await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).LastAsync(Cancel));
        var before = await stranger.GetPageAsync(permalink);

        var approved = await moderator.SubmitAsync("/admin/comments/", "form#queue", new() { ["one"] = $"approve:{held.Id}" });
        var after = await stranger.GetPageAsync(permalink);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(CommentStatus.Pending, held.Status);
        Assert.Null(before.QuerySelector($"li#comment-{held.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.NotNull(after.QuerySelector($"li#comment-{held.Id}"));
        Assert.NotEqual(title, after.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task An_article_changed_in_the_database_shows_changed_on_the_next_uncached_view()
    {
        using var app = Uncached();
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        await reader.GetPageAsync(permalink);

        await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Corrected headline").SetProperty(a => a.BodyHtml, "<p>Corrected body.</p>"), Cancel));
        var page = await reader.GetPageAsync(permalink);

        Assert.Equal("Corrected headline", page.QuerySelector("article.article h1")!.TextContent.Trim());
        Assert.Contains("Corrected body.", page.QuerySelector("article.article")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_inside_a_transaction_sees_that_transactions_writes_and_after_rollback_the_stored_rows()
    {
        using var app = Uncached();
        var permalink = await app.CreateReader().FirstArticleAsync();
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Broadsheet.Data.BroadsheetDb>();
        var stored = (await ArticlePageQueries.ReadAsync(db, slug, pagesOnly: false, Cancel))!.Article.Title;

        await using (var transaction = await db.Database.BeginTransactionAsync(Cancel))
        {
            await db.Articles.Where(a => a.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Not yet committed"), Cancel);
            var inside = (await ArticlePageQueries.ReadAsync(db, slug, pagesOnly: false, Cancel))!.Article.Title;
            await transaction.RollbackAsync(Cancel);
            Assert.Equal("Not yet committed", inside);
        }
        var after = (await ArticlePageQueries.ReadAsync(db, slug, pagesOnly: false, Cancel))!.Article.Title;

        Assert.Equal(stored, after);
        Assert.NotEqual("Not yet committed", stored);
    }

    [Fact]
    public async Task Many_readers_at_once_each_get_the_whole_page()
    {
        using var app = Uncached();
        var permalink = await app.CreateReader().FirstArticleWithCommentsAsync();
        var expected = Shown(await app.CreateReader().GetPageAsync(permalink));

        var pages = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => app.CreateReader().GetPageAsync(permalink)));

        Assert.NotEmpty(expected);
        Assert.All(pages, page => Assert.Equal(expected, Shown(page)));
    }

    private static string Shown(AngleSharp.Html.Dom.IHtmlDocument page) =>
        string.Join(",", page.QuerySelectorAll("li[id^=comment-], .article-neighbours a, h1").Select(e => e.Id + e.TextContent));
}
