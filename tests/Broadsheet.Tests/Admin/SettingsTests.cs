using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Admin;

// Settings saved in the back office: stored in the database, used by the site at once, and the
// moderation rules they hold applied to new comments.
public class SettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, Dictionary<string, string> fields) =>
        admin.SubmitAsync("/admin/settings/", "form#settings", fields);

    private static async Task<Comment> PostAsync(BroadsheetApp app, string permalink, Dictionary<string, string> fields)
    {
        var posted = await app.CreateReader().PostCommentAsync(permalink, fields);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        return await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).LastAsync(Cancel));
    }

    [Fact]
    public async Task The_site_title_and_page_size_saved_in_the_back_office_apply_at_once()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);

        var saved = await SaveAsync(admin, new() { ["Form.Title"] = "The Marram Gazette", ["Form.PageSize"] = "2" });
        var home = await app.CreateReader().GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("The Marram Gazette", home.QuerySelector(".site-title")!.TextContent);
        Assert.Equal(2, home.QuerySelectorAll(".article-summary").Length);
        Assert.Equal("The Marram Gazette", await app.WithDbAsync(db => db.Set<Broadsheet.Settings.SiteSettings>().Select(s => s.Title).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task An_unknown_time_zone_or_a_threading_depth_over_10_is_refused()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);

        var zone = await SaveAsync(admin, new() { ["Form.TimeZone"] = "Mars/Olympus_Mons" });
        var depth = await SaveAsync(admin, new() { ["Form.ThreadDepth"] = "11" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, zone.StatusCode);
        Assert.Contains("not a known time zone", await zone.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, depth.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<Broadsheet.Settings.SiteSettings>().AnyAsync(Cancel)));
    }

    [Fact]
    public async Task Disallowed_words_send_a_comment_to_spam_even_when_split_by_tags()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);
        await SaveAsync(admin, new() { ["Form.Moderation"] = "None", ["Form.DisallowedWords"] = "viagra\nrolex" });
        var permalink = await app.CreateReader().FirstArticleAsync();

        var plain = await PostAsync(app, permalink, Reader.ValidComment("Cheap VIAGRA here"));
        var split = await PostAsync(app, permalink, Reader.ValidComment("Cheap v<b></b>iagra here", "other@example.org"));
        var inName = await PostAsync(app, permalink, new() { ["comment"] = "Nice watch", ["author"] = "Rolex Dealer", ["email"] = "w@example.org" });
        var clean = await PostAsync(app, permalink, Reader.ValidComment("A fair point about the harbour", "fair@example.org"));

        Assert.Equal(CommentStatus.Spam, plain.Status);
        Assert.Equal("Contains a disallowed word: viagra", plain.HeldReason);
        Assert.Equal(CommentStatus.Spam, split.Status);
        Assert.Equal(CommentStatus.Spam, inName.Status);
        Assert.Equal(CommentStatus.Approved, clean.Status);
    }

    [Fact]
    public async Task Moderation_words_and_two_links_hold_a_comment_with_the_reason()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);
        await SaveAsync(admin, new() { ["Form.Moderation"] = "None", ["Form.ModerationWords"] = "casino" });
        var permalink = await app.CreateReader().FirstArticleAsync();

        var word = await PostAsync(app, permalink, Reader.ValidComment("The Casino reopens?"));
        var oneLink = await PostAsync(app, permalink, Reader.ValidComment("See https://example.org/a", "one@example.org"));
        var twoLinks = await PostAsync(app, permalink, Reader.ValidComment("See https://example.org/a and http://example.org/b", "two@example.org"));

        Assert.Equal(CommentStatus.Pending, word.Status);
        Assert.Equal("Contains a moderation word: casino", word.HeldReason);
        Assert.Equal(CommentStatus.Approved, oneLink.Status);
        Assert.Equal(CommentStatus.Pending, twoLinks.Status);
        Assert.Equal("Contains 2 links", twoLinks.HeldReason);
    }

    [Fact]
    public async Task Comments_close_on_articles_older_than_the_days_set()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);
        await SaveAsync(admin, new() { ["Form.CloseCommentsAfterDays"] = "1" });
        var oldest = await app.WithDbAsync(db => db.Articles.OrderBy(a => a.PublishedAt).Select(a => a.Id).FirstAsync(Cancel));
        var permalink = await admin.PermalinkAsync(oldest);

        var page = await app.CreateReader().GetPageAsync(permalink!);

        Assert.Null(page.QuerySelector("form#commentform"));
        Assert.NotNull(page.QuerySelector(".comments-closed"));
    }
}
