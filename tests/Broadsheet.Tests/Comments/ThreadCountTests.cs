using System.Globalization;
using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Comments;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Comments;

// Each article stores its approved comments and thread roots; after every kind of write the
// stored figures equal a fresh count, and the article page and its comment pages show them.
public sealed class ThreadCountTests
{
    private const int PerPage = 2;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BroadsheetApp OpenSite() => new()
    {
        Settings = { ["Comments:Moderation"] = "None", ["Comments:CommentsPerPage"] = PerPage.ToString(CultureInfo.InvariantCulture) },
    };

    private static async Task<Comment> PostAsync(BroadsheetApp app, string permalink, string text, int? parent = null)
    {
        var fields = Reader.ValidComment(text, $"{Guid.NewGuid():N}@example.org");
        if (parent is { } id)
        {
            fields["parent"] = id.ToString(CultureInfo.InvariantCulture);
        }
        var posted = await app.CreateReader().PostCommentAsync(permalink, fields);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        return await app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Content == text, Cancel));
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient moderator, string action, params int[] ids) => ids.Length == 1
        ? moderator.SubmitAsync("/admin/comments/", "form#queue", new() { ["one"] = $"{action}:{ids[0]}" })
        : moderator.SubmitAsync("/admin/comments/", "form#queue", new() { ["bulk"] = action },
            new() { ["ids"] = [.. ids.Select(id => id.ToString(CultureInfo.InvariantCulture))] });

    // The counts match, and a reader sees them: the heading's figure and the number of comment pages.
    private static async Task<StoredCounts.Row> AssertShownAsync(BroadsheetApp app, string permalink, int articleId)
    {
        var row = await StoredCounts.OfAsync(app, articleId);
        var page = await app.CreateReader().GetPageAsync(permalink);
        Assert.Equal(CommentCounts.Phrase(row.Approved), page.QuerySelector("#comments-title")!.TextContent);
        var pages = CommentPages.PageCount(row.Roots, PerPage);
        Assert.Equal(pages > 1 ? $"Comments page {pages} of {pages}" : null, page.QuerySelector(".comment-page-number")?.TextContent);
        return row;
    }

    [Fact]
    public async Task The_demo_newsroom_starts_with_stored_counts_that_match_its_threads_on_every_list()
    {
        using var app = new BroadsheetApp();

        var rows = await StoredCounts.AssertMatchAsync(app);
        var home = await app.CreateReader().GetPageAsync("/");

        Assert.Contains(rows, r => r.Approved > 1 && r.Roots < r.Approved);
        var shown = home.QuerySelectorAll(".article-summary .meta a[href$='#comments']").Select(a => a.TextContent).ToList();
        Assert.Contains(shown, text => rows.Any(r => r.Approved > 1 && text == CommentCounts.Phrase(r.Approved)));
    }

    [Fact]
    public async Task Posted_comments_and_replies_move_the_counts_the_heading_and_the_comment_pages()
    {
        using var app = OpenSite();
        var permalink = await app.CreateReader().FirstArticleAsync();
        var first = await PostAsync(app, permalink, "The ferry was late again.");
        var before = await AssertShownAsync(app, permalink, first.ArticleId);

        var reply = await PostAsync(app, permalink, "It was on time on Tuesday.", first.Id);
        var afterReply = await AssertShownAsync(app, permalink, first.ArticleId);
        await PostAsync(app, permalink, "And the bus?");
        var afterRoot = await AssertShownAsync(app, permalink, first.ArticleId);

        Assert.Equal(first.Id, reply.ParentId);
        Assert.Equal((before.Approved + 1, before.Roots), (afterReply.Approved, afterReply.Roots));
        Assert.Equal((before.Approved + 2, before.Roots + 1), (afterRoot.Approved, afterRoot.Roots));
    }

    [Fact]
    public async Task Unapproving_and_approving_a_parent_makes_its_reply_a_root_and_back_one_at_a_time_and_in_bulk()
    {
        using var app = OpenSite();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var parent = await PostAsync(app, permalink, "Who repaints the lighthouse?");
        var reply = await PostAsync(app, permalink, "The harbour trust, every May.", parent.Id);
        var start = await AssertShownAsync(app, permalink, parent.ArticleId);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(moderator, "unapprove", parent.Id)).StatusCode);
        var unapproved = await AssertShownAsync(app, permalink, parent.ArticleId);
        await ActAsync(moderator, "approve", parent.Id);
        var approved = await AssertShownAsync(app, permalink, parent.ArticleId);
        await ActAsync(moderator, "spam", parent.Id, reply.Id);
        var spammed = await AssertShownAsync(app, permalink, parent.ArticleId);
        await ActAsync(moderator, "approve", reply.Id);
        var replyAlone = await AssertShownAsync(app, permalink, parent.ArticleId);

        Assert.Equal((start.Approved - 1, start.Roots), (unapproved.Approved, unapproved.Roots)); // the reply took its parent's place
        Assert.Equal((start.Approved, start.Roots), (approved.Approved, approved.Roots));
        Assert.Equal((start.Approved - 2, start.Roots - 1), (spammed.Approved, spammed.Roots));
        Assert.Equal((start.Approved - 1, start.Roots), (replyAlone.Approved, replyAlone.Roots)); // a reply to spam is a root
    }

    [Fact]
    public async Task Deleting_and_purging_comments_recounts_the_replies_that_move_up()
    {
        using var app = OpenSite();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var top = await PostAsync(app, permalink, "Market day moves to Friday.");
        var middle = await PostAsync(app, permalink, "Because of the regatta?", top.Id);
        var bottom = await PostAsync(app, permalink, "Yes, the quay is closed.", middle.Id);
        var start = await AssertShownAsync(app, permalink, top.ArticleId);

        await ActAsync(moderator, "trash", middle.Id);
        var trashed = await AssertShownAsync(app, permalink, top.ArticleId);
        app.Time.Advance(TimeSpan.FromDays(31));
        await app.Services.GetRequiredService<NewsroomJobs>().RunOnceAsync(Cancel);
        var purged = await AssertShownAsync(app, permalink, top.ArticleId);
        var movedUp = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == bottom.Id, Cancel));
        await moderator.SignInAsync(Staff.EmailFor(Roles.Moderator), Staff.Password); // a month later
        await ActAsync(moderator, "delete", top.Id);
        var deleted = await AssertShownAsync(app, permalink, top.ArticleId);

        Assert.Equal((start.Approved - 1, start.Roots + 1), (trashed.Approved, trashed.Roots)); // under a trashed parent
        Assert.Equal(top.Id, movedUp.ParentId);
        Assert.Equal((start.Approved - 1, start.Roots), (purged.Approved, purged.Roots)); // moved up under an approved one
        Assert.Equal((start.Approved - 2, start.Roots), (deleted.Approved, deleted.Roots)); // moved up to the top level
    }

    [Fact]
    public async Task A_staff_reply_approving_a_held_comment_and_an_edit_keep_the_counts()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:CommentsPerPage"] = PerPage.ToString(CultureInfo.InvariantCulture) } };
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var held = await PostAsync(app, permalink, "First time writing in.");
        var start = await AssertShownAsync(app, permalink, held.ArticleId);

        var replied = await moderator.SubmitAsync($"/admin/comments/{held.Id}/", "form#reply", new() { ["reply"] = "Welcome aboard." });
        var afterReply = await AssertShownAsync(app, permalink, held.ArticleId);
        var edited = await moderator.SubmitAsync($"/admin/comments/{held.Id}/", "form#edit", new() { ["comment"] = "First time writing in, edited." });
        var afterEdit = await AssertShownAsync(app, permalink, held.ArticleId);

        Assert.Equal(CommentStatus.Pending, held.Status);
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal((start.Approved + 2, start.Roots + 1), (afterReply.Approved, afterReply.Roots));
        Assert.Equal(afterReply, afterEdit);
    }

    [Fact]
    public async Task Counts_of_comments_stored_before_the_columns_existed_are_filled_by_the_migration()
    {
        using var app = new BroadsheetApp();
        var expected = await StoredCounts.AssertMatchAsync(app);

        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Articles\" DROP COLUMN \"ApprovedCommentCount\"", Cancel);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Articles\" DROP COLUMN \"ThreadRootCount\"", Cancel);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_ThreadCounts'", Cancel);
            await db.Database.MigrateAsync(Cancel);
            return 0;
        });

        Assert.Equal(expected, await StoredCounts.AssertMatchAsync(app));
    }
}
