using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Comments;
using Broadsheet.Tests.Admin;
using Broadsheet.Tests.Import;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// Comments keep their HTML from the moment they are written (Comment.RenderedHtml): it must follow
// every change of the text, come only from our sanitiser, and show exactly what rendering on the
// fly showed.
public class StoredCommentHtmlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Comment> PostApprovedAsync(BroadsheetApp app, string permalink, string text)
    {
        var posted = await app.CreateReader().PostCommentAsync(permalink, Reader.ValidComment(text, "stored@example.org"));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var id = int.Parse(posted.Headers.Location!.OriginalString.Split("#comment-")[1], System.Globalization.CultureInfo.InvariantCulture);
        return await app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, Cancel));
    }

    [Fact]
    public async Task Hostile_markup_from_a_reader_is_stored_and_shown_as_text()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var permalink = await app.CreateReader().FirstArticleAsync();
        const string Hostile = "<script>alert(1)</script> <img src=x onerror=steal()> see https://ok.example/a?b=1&c=2";

        var stored = await PostApprovedAsync(app, permalink, Hostile);
        var shown = (await app.CreateReader().GetPageAsync(permalink)).QuerySelector($"li#comment-{stored.Id} .comment-content")!;

        Assert.Equal(CommentText.ToHtml(Hostile), stored.RenderedHtml);
        Assert.DoesNotContain("<script", stored.RenderedHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", stored.RenderedHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(shown.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", shown.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://ok.example/a?b=1&c=2", shown.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_moderators_edit_changes_the_stored_HTML_and_what_readers_see()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var stored = await PostApprovedAsync(app, permalink, "Teh ferry is late.");
        var before = await app.CreateReader().GetPageAsync(permalink);

        var edited = await moderator.SubmitAsync($"/admin/comments/{stored.Id}/", "form#edit", new() { ["comment"] = "The ferry is late.\n\n<b>Again</b>." });
        var after = await app.CreateReader().GetPageAsync(permalink);
        var restored = await app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == stored.Id, Cancel));

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("<p>Teh ferry is late.</p>", before.QuerySelector($"li#comment-{stored.Id} .comment-content")!.InnerHtml);
        Assert.Equal("<p>The ferry is late.</p><p>&lt;b&gt;Again&lt;/b&gt;.</p>", restored.RenderedHtml);
        Assert.Equal(restored.RenderedHtml, after.QuerySelector($"li#comment-{stored.Id} .comment-content")!.InnerHtml);
    }

    [Fact]
    public async Task A_comment_stored_without_its_HTML_shows_the_same_and_is_filled_in_at_start()
    {
        using var app = new BroadsheetApp();
        var permalink = await app.CreateReader().FirstArticleWithCommentsAsync();
        var before = (await app.CreateReader().GetPageAsync(permalink)).QuerySelector(".comment-list")!.OuterHtml;
        var stored = await app.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Approved)
            .ToDictionaryAsync(c => c.Id, c => c.RenderedHtml, Cancel));

        await app.WithDbAsync(db => db.Comments.ExecuteUpdateAsync(s => s.SetProperty(c => c.RenderedHtml, (string?)null), Cancel));
        var unfilled = (await app.CreateReader().GetPageAsync(permalink)).QuerySelector(".comment-list")!.OuterHtml;
        await app.WithDbAsync(async db =>
        {
            await CommentRendering.FillMissingAsync(db, Cancel);
            return 0;
        });
        var filled = await app.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Approved)
            .ToDictionaryAsync(c => c.Id, c => c.RenderedHtml, Cancel));

        Assert.All(stored.Values, html => Assert.False(string.IsNullOrEmpty(html)));
        Assert.Equal(before, unfilled);
        Assert.Equal(stored, filled);
    }

    [Fact]
    public async Task Imported_WordPress_comments_are_stored_sanitised_with_the_comment_allow_list()
    {
        using var app = Importing.EmptySite();
        await app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        var comments = await app.WithDbAsync(db => db.Comments.AsNoTracking().ToListAsync(Cancel));
        var hostile = comments.Single(c => c.WordPressId == 1017);

        Assert.All(comments, c => Assert.Equal(CommentRendering.ToHtml(c.Content, c.ContentHtml), c.RenderedHtml));
        Assert.Contains("<strong>bold</strong>", hostile.RenderedHtml, StringComparison.Ordinal);
        foreach (var banned in new[] { "<script", "<img", "onerror", "javascript:", "<iframe", "onclick" })
        {
            Assert.DoesNotContain(banned, hostile.RenderedHtml, StringComparison.OrdinalIgnoreCase);
        }
    }
}
