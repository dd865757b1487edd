using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Admin.Audit;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Admin;

// The moderation queue as moderators use it, and what readers then see on the site.
public class ModerationQueueTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Comment> PostAsync(BroadsheetApp app, string permalink, string text, string email, string ip = "203.0.113.7")
    {
        var posted = await app.CreateReader(ip).PostCommentAsync(permalink, Reader.ValidComment(text, email));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        return await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).LastAsync(Cancel));
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient moderator, string action, int id, string queueUrl = "/admin/comments/") =>
        moderator.SubmitAsync(queueUrl, "form#queue", new() { ["one"] = $"{action}:{id}" });

    private static Task<Comment> StoredAsync(BroadsheetApp app, int id) =>
        app.WithDbAsync(db => db.Comments.AsNoTracking().SingleAsync(c => c.Id == id, Cancel));

    [Fact]
    public async Task A_moderator_sees_a_held_comment_with_its_details_approves_it_and_the_commenter_is_trusted_next_time()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var held = await PostAsync(app, permalink, "First time here, lovely paper.", "newcomer@example.org");

        var dashboard = await moderator.GetPageAsync("/admin/");
        var queue = await moderator.GetPageAsync("/admin/comments/");
        var row = queue.QuerySelector($"#comment-{held.Id}")!;
        var approved = await ActAsync(moderator, "approve", held.Id);
        var publicPage = await app.CreateReader().GetPageAsync(permalink);
        var next = await PostAsync(app, permalink, "Second comment, straight through.", "newcomer@example.org");

        Assert.Equal("1 awaiting moderation", dashboard.QuerySelector("#pending-comments")!.TextContent);
        Assert.Null(dashboard.QuerySelector("#article-counts"));
        Assert.Equal("1", queue.QuerySelector("#counts [data-status=Pending] .count")!.TextContent);
        Assert.Contains("newcomer@example.org", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Moderation.HeldFirstTime, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.NotNull(publicPage.QuerySelector($"li#comment-{held.Id}"));
        Assert.Equal(CommentStatus.Approved, next.Status);
        Assert.Equal("comment.approve", (await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(Cancel))).Action);
    }

    [Fact]
    public async Task Bulk_actions_apply_to_the_selection_only_and_filters_narrow_the_queue()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Editor);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var first = await PostAsync(app, permalink, "Buy cheap things", "spammer@example.org", "198.51.100.1");
        var second = await PostAsync(app, permalink, "Buy more cheap things", "spammer2@example.org", "198.51.100.1");
        var keep = await PostAsync(app, permalink, "An honest question", "honest@example.org", "192.0.2.44");

        var byIp = await moderator.GetPageAsync("/admin/comments/?status=Pending&ip=198.51.100.1");
        var byEmail = await moderator.GetPageAsync("/admin/comments/?status=Pending&email=honest@example.org");
        var page = await moderator.GetPageAsync("/admin/comments/");
        var token = page.QuerySelector("form#queue input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bulk = await moderator.PostAsync(new Uri("/admin/comments/", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("bulk", "spam"),
            new("ids", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ids", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]), Cancel);
        var after = await moderator.GetPageAsync("/admin/comments/");

        Assert.Equal(2, byIp.QuerySelectorAll("#comments tbody tr").Length);
        Assert.Equal([$"comment-{keep.Id}"], byEmail.QuerySelectorAll("#comments tbody tr").Select(tr => tr.Id!));
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.Equal(CommentStatus.Spam, (await StoredAsync(app, first.Id)).Status);
        Assert.Equal(CommentStatus.Spam, (await StoredAsync(app, second.Id)).Status);
        Assert.Equal(CommentStatus.Pending, (await StoredAsync(app, keep.Id)).Status);
        Assert.Equal("2", after.QuerySelector("#counts [data-status=Spam] .count")!.TextContent);
        Assert.Equal("Spam: 2 comment(s).", after.QuerySelector("#message")!.TextContent);
    }

    [Fact]
    public async Task A_staff_reply_from_the_queue_approves_the_comment_and_shows_with_a_badge()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var question = await PostAsync(app, permalink, "When does the ferry start?", "asker@example.org");

        var replied = await moderator.SubmitAsync($"/admin/comments/{question.Id}/", "form#reply", new() { ["reply"] = "Monday at seven." });
        var page = await app.CreateReader().GetPageAsync(permalink);
        var reply = page.QuerySelector($"li#comment-{question.Id} > ol.children > li.staff")!;

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(CommentStatus.Approved, (await StoredAsync(app, question.Id)).Status);
        Assert.Equal("Staff", reply.QuerySelector(".staff-badge")!.TextContent);
        Assert.Contains("Monday at seven.", reply.TextContent, StringComparison.Ordinal);
        Assert.Contains("Moderator", reply.QuerySelector(".comment-author")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_comment_forever_keeps_its_replies()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var (parent, child) = await app.WithDbAsync(async db =>
        {
            var withReplies = await db.Comments.Where(c => c.ParentId != null).Select(c => new { c.ParentId, c.Id }).FirstAsync(Cancel);
            return (withReplies.ParentId!.Value, withReplies.Id);
        });

        var deleted = await ActAsync(moderator, "delete", parent, "/admin/comments/?status=Approved");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == parent, Cancel)));
        Assert.True(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == child, Cancel)));
    }

    [Fact]
    public async Task Spam_and_trash_are_purged_30_days_after_they_were_marked()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Moderator);
        var permalink = await app.CreateReader().FirstArticleAsync();
        var spam = await PostAsync(app, permalink, "Spam spam spam", "spam@example.org");
        var pending = await PostAsync(app, permalink, "Waiting patiently", "patient@example.org");
        await ActAsync(moderator, "spam", spam.Id);
        var jobs = app.Services.GetRequiredService<NewsroomJobs>();

        app.Time.Advance(TimeSpan.FromDays(29));
        await jobs.RunOnceAsync(Cancel);
        var after29 = await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == spam.Id, Cancel));
        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await jobs.RunOnceAsync(Cancel);

        Assert.True(after29);
        Assert.False(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == spam.Id, Cancel)));
        Assert.True(await app.WithDbAsync(db => db.Comments.AnyAsync(c => c.Id == pending.Id, Cancel)));
    }

    [Fact]
    public async Task A_moderator_may_not_change_articles_or_settings()
    {
        using var app = new BroadsheetApp();
        var moderator = await app.SignedInAsync(Roles.Moderator);

        var articles = await moderator.GetAsync(new Uri("/admin/articles/", UriKind.Relative), Cancel);
        var settings = await moderator.GetAsync(new Uri("/admin/settings/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, articles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
    }
}
