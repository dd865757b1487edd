using System.Net;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// Moderation policies, held comments seen only by their writer, flood checks and replies.
public class ModerationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    private static async Task<Comment> StoredAsync(BroadsheetApp app, HttpResponseMessage posted)
    {
        var id = int.Parse(posted.Headers.Location!.OriginalString.Split("#comment-")[1], System.Globalization.CultureInfo.InvariantCulture);
        return await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == id, Cancel));
    }

    [Fact]
    public async Task A_first_time_commenter_is_held_and_only_their_browser_sees_it()
    {
        using var app = new BroadsheetApp();
        var writer = app.CreateReader();
        var stranger = app.CreateReader();
        var permalink = await writer.FirstArticleAsync();
        var text = Unique("My very first comment");

        var posted = await writer.PostCommentAsync(permalink, Reader.ValidComment(text, "newcomer@example.org"));
        var stored = await StoredAsync(app, posted);
        var writerView = await writer.GetPageAsync(permalink);
        var strangerView = await stranger.GetPageAsync(permalink);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(CommentStatus.Pending, stored.Status);
        Assert.Equal(Moderation.HeldFirstTime, stored.HeldReason);
        var held = writerView.QuerySelector($"li#comment-{stored.Id}")!;
        Assert.Equal("Your comment is awaiting moderation.", held.QuerySelector(".moderation-notice")!.TextContent);
        Assert.Contains(text, held.TextContent, StringComparison.Ordinal);
        Assert.Null(strangerView.QuerySelector($"li#comment-{stored.Id}"));
        Assert.DoesNotContain(text, strangerView.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(writerView.QuerySelector("#comments-title")!.TextContent, strangerView.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task Once_approved_a_commenter_is_trusted_next_time()
    {
        using var app = new BroadsheetApp();
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var first = await StoredAsync(app, await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("First"), "Regular@Example.org")));
        await app.WithDbAsync(db => db.Comments.Where(c => c.Id == first.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommentStatus.Approved), Cancel));

        var second = await StoredAsync(app, await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Second"), "regular@example.org")));

        Assert.Equal(CommentStatus.Pending, first.Status);
        Assert.Equal(CommentStatus.Approved, second.Status);
        Assert.NotNull((await app.CreateReader().GetPageAsync(permalink)).QuerySelector($"li#comment-{second.Id}"));
    }

    [Theory]
    [InlineData("All", CommentStatus.Pending)]
    [InlineData("None", CommentStatus.Approved)]
    public async Task The_moderation_setting_decides_for_known_commenters_too(string policy, CommentStatus expected)
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = policy } };
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var known = await app.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Approved).Select(c => c.AuthorEmail).FirstAsync(Cancel));

        var stored = await StoredAsync(app, await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Policy"), known)));

        Assert.Equal(expected, stored.Status);
    }

    [Fact]
    public async Task Posting_again_within_the_flood_interval_is_refused_until_it_has_passed()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:FloodIntervalSeconds"] = "15", ["Comments:Moderation"] = "None" } };
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var first = await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("One"), "quick@example.org"));
        app.Time.Advance(TimeSpan.FromSeconds(5));

        var tooSoon = await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Two"), "quick@example.org"));
        var page = await Reader.ParseAsync(tooSoon);
        app.Time.Advance(TimeSpan.FromSeconds(11));
        var later = await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Three"), "quick@example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, tooSoon.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), tooSoon.Headers.RetryAfter!.Delta);
        Assert.Equal("You are posting comments too quickly. Slow down.", page.QuerySelector(".form-message")!.TextContent);
        Assert.Contains("Two", page.QuerySelector("textarea#comment")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.AuthorEmail == "quick@example.org", Cancel)));
    }

    [Fact]
    public async Task Two_addresses_from_one_ip_within_the_interval_are_a_flood_but_other_ips_are_not()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:FloodIntervalSeconds"] = "15", ["Comments:Moderation"] = "None" } };
        var first = app.CreateReader("203.0.113.7");
        var sameIp = app.CreateReader("203.0.113.7");
        var otherIp = app.CreateReader("198.51.100.9");
        var permalink = await first.FirstArticleAsync();

        var posted = await first.PostCommentAsync(permalink, Reader.ValidComment(Unique("A"), "one@example.org"));
        var flooded = await sameIp.PostCommentAsync(permalink, Reader.ValidComment(Unique("B"), "two@example.org"));
        var elsewhere = await otherIp.PostCommentAsync(permalink, Reader.ValidComment(Unique("C"), "three@example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal((HttpStatusCode)429, flooded.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), flooded.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.SeeOther, elsewhere.StatusCode);
        Assert.Equal("203.0.113.7", (await StoredAsync(app, posted)).IpAddress);
    }

    [Fact]
    public async Task A_reply_is_threaded_under_its_parent()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleWithCommentsAsync();
        var page = await reader.GetPageAsync(permalink);
        var parentId = page.QuerySelector("ol.comment-list > li.comment")!.Id!["comment-".Length..];
        var replyLink = page.QuerySelector($"li#comment-{parentId} .comment-reply-link")!.GetAttribute("href");
        var replyForm = await reader.GetPageAsync(permalink + replyLink!.Split('#')[0]);
        var fields = Reader.ValidComment(Unique("In reply"));
        fields["parent"] = parentId;

        var reply = await StoredAsync(app, await reader.PostCommentAsync(permalink, fields));
        var after = await reader.GetPageAsync(permalink);

        Assert.Equal(parentId, replyForm.QuerySelector("input[name=parent]")!.GetAttribute("value"));
        Assert.StartsWith("Reply to ", replyForm.QuerySelector("#reply-title")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(int.Parse(parentId, System.Globalization.CultureInfo.InvariantCulture), reply.ParentId);
        Assert.NotNull(after.QuerySelector($"li#comment-{parentId} > ol.children > li#comment-{reply.Id}"));
    }

    [Fact]
    public async Task A_reply_to_a_comment_of_another_article_or_a_held_one_is_refused()
    {
        using var app = new BroadsheetApp();
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var articleId = await app.WithDbAsync(db => db.Articles.Where(a => permalink.Contains(a.Slug)).Select(a => a.Id).SingleAsync(Cancel));
        var elsewhere = await app.WithDbAsync(db => db.Comments.Where(c => c.ArticleId != articleId && c.Status == CommentStatus.Approved).Select(c => c.Id).FirstAsync(Cancel));
        var held = await StoredAsync(app, await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Held"), "held@example.org")));

        foreach (var parent in new[] { elsewhere, held.Id, 999_999 })
        {
            var text = Unique("Orphan reply");
            var fields = Reader.ValidComment(text);
            fields["parent"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture);

            var response = await reader.PostCommentAsync(permalink, fields);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(CommentMessages.ParentNotFound, (await Reader.ParseAsync(response)).QuerySelector(".form-message")!.TextContent);
            Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.Content == text, Cancel)));
        }
    }
}
