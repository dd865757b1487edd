using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Admin.Articles;
using Broadsheet.Admin.Audit;
using Broadsheet.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Admin;

// Writing, publishing, scheduling and revising articles in the back office, and WordPress's role
// rules for each, observed over HTTP and in the stored rows.
public class ArticleDeskTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<Article> StoredAsync(BroadsheetApp app, int id) =>
        app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.Id == id, Cancel));

    [Fact]
    public async Task An_editor_writes_and_publishes_an_article_that_readers_then_see()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);

        var saved = await editor.SaveAsync("/admin/articles/new/", "publish",
            Desk.Article("Lifeboat crew honoured", tags: "Harbour, Brave New Tag"));
        var id = Desk.ArticleId(saved);
        var permalink = await editor.PermalinkAsync(id);
        var page = await app.CreateReader().GetPageAsync(permalink!);
        var stored = await StoredAsync(app, id);

        Assert.Equal("/2026/11/29/lifeboat-crew-honoured/", permalink);
        Assert.Equal("Lifeboat crew honoured", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("news", page.QuerySelector(".article-body strong")!.TextContent);
        Assert.Equal(ArticleStatus.Published, stored.Status);
        Assert.Equal(["brave-new-tag", "harbour"], stored.Tags.Select(t => t.Slug).Order());
        Assert.Equal("Editor editor", (await app.WithDbAsync(db => db.Authors.SingleAsync(a => a.Id == stored.AuthorId, Cancel))).Name);
    }

    [Fact]
    public async Task An_editor_files_an_article_under_other_sections_too_and_the_primary_stays_one()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);
        var sections = (await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Cancel)))
            .Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var saved = await editor.SubmitAsync("/admin/articles/new/", "form#article-form",
            new(Desk.Article("Festival opens")) { ["intent"] = "publish", ["Form.CategoryId"] = sections[0] },
            new() { ["Form.SecondaryCategoryIds"] = [sections[0], sections[1], sections[2]] });
        var id = Desk.ArticleId(saved);
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.SecondaryCategories).SingleAsync(a => a.Id == id, Cancel));
        var editorPage = await editor.EditorAsync(id);
        var refused = await editor.SubmitAsync($"/admin/articles/{id}/", "form#article-form", new() { ["intent"] = "save" },
            new() { ["Form.SecondaryCategoryIds"] = ["999999"] });

        Assert.Equal(sections[0], stored.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { sections[1], sections[2] }.Order(StringComparer.Ordinal), stored.SecondaryCategories.Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { sections[1], sections[2] }.Order(StringComparer.Ordinal), editorPage.QuerySelectorAll("#secondary-categories option[selected]")
            .Select(o => o.GetAttribute("value")!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task The_preview_renders_markdown_through_the_public_pipeline_and_drops_script()
    {
        using var app = new BroadsheetApp();
        var author = await app.SignedInAsync(Roles.Author);
        var editorPage = await author.GetPageAsync("/admin/articles/new/");
        var token = editorPage.QuerySelector("#article-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var preview = await author.PostAsync(new Uri("/admin/articles/new/?handler=Preview", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["body"] = "**Bold** claim <script>alert(1)</script>",
                ["__RequestVerificationToken"] = token,
            }), Cancel);
        var html = await preview.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<strong>Bold</strong> claim", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_contributor_saves_drafts_but_cannot_publish_nor_edit_once_published()
    {
        using var app = new BroadsheetApp();
        var contributor = await app.SignedInAsync(Roles.Contributor);
        var editor = await app.SignedInAsync(Roles.Editor);

        var publish = await contributor.SaveAsync("/admin/articles/new/", "publish", Desk.Article("My first scoop"));
        var draft = Desk.ArticleId(await contributor.SaveAsync("/admin/articles/new/", "save", Desk.Article("My first scoop")));
        var publishDraft = await contributor.SaveAsync($"/admin/articles/{draft}/", "publish");
        var published = await editor.SaveAsync($"/admin/articles/{draft}/", "publish");
        var editAfter = await contributor.GetAsync(new Uri($"/admin/articles/{draft}/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Contains(EditArticlePage.ContributorsCannotPublish, await publish.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, publishDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, editAfter.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.Title == "My first scoop", Cancel)));
    }

    [Fact]
    public async Task An_author_publishes_their_own_article_but_cannot_touch_anothers()
    {
        using var app = new BroadsheetApp();
        var author = await app.SignedInAsync(Roles.Author);
        var demoArticle = await app.WithDbAsync(db => db.Articles.Select(a => a.Id).FirstAsync(Cancel));

        var own = Desk.ArticleId(await author.SaveAsync("/admin/articles/new/", "publish", Desk.Article("Own words")));
        var unpublished = await author.SaveAsync($"/admin/articles/{own}/", "unpublish");
        var others = await author.GetAsync(new Uri($"/admin/articles/{demoArticle}/", UriKind.Relative), Cancel);
        var othersRevisions = await author.GetAsync(new Uri($"/admin/articles/{demoArticle}/revisions/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Equal(ArticleStatus.Unpublished, (await StoredAsync(app, own)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersRevisions.StatusCode);
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(["article.published", "article.unpublished"], audit);
    }

    [Fact]
    public async Task A_scheduled_article_appears_at_its_time_in_the_sites_time_zone_and_only_once()
    {
        using var app = new BroadsheetApp();
        app.Settings["Site:TimeZone"] = "Europe/Paris";
        var editor = await app.SignedInAsync(Roles.Editor);
        var jobs = app.Services.GetRequiredService<NewsroomJobs>();
        // 12:00 UTC is 13:00 in Paris; 15:30 Paris time is 14:30 UTC.
        var fields = Desk.Article("Regatta results at half past three");
        fields["Form.PublishAt"] = "2026-11-29T15:30";

        var id = Desk.ArticleId(await editor.SaveAsync("/admin/articles/new/", "schedule", fields));
        var permalink = "/2026/11/29/regatta-results-at-half-past-three/";
        var before = await app.CreateReader().GetAsync(new Uri(permalink, UriKind.Relative), Cancel);
        app.Time.Advance(TimeSpan.FromHours(2.5) - TimeSpan.FromMinutes(1));
        var early = await jobs.RunOnceAsync(Cancel);
        var stillHidden = await app.CreateReader().GetAsync(new Uri(permalink, UriKind.Relative), Cancel);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var onTime = await Task.WhenAll(jobs.RunOnceAsync(Cancel), jobs.RunOnceAsync(Cancel));
        var after = await app.CreateReader().GetAsync(new Uri(permalink, UriKind.Relative), Cancel);

        Assert.Equal(new DateTime(2026, 11, 29, 14, 30, 0, DateTimeKind.Utc), (await StoredAsync(app, id)).PublishedAt);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(0, early);
        Assert.Equal(HttpStatusCode.NotFound, stillHidden.StatusCode);
        // The app's own background pass runs on the same clock and may claim the article first.
        Assert.InRange(onTime.Sum(), 0, 1);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(ArticleStatus.Published, (await StoredAsync(app, id)).Status);
        await Until.TrueAsync(() => app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "article.published", Cancel)));
        var published = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "article.published").ToListAsync(Cancel));
        Assert.Equal("schedule", Assert.Single(published).Who);
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused_with_a_reason()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);
        var fields = Desk.Article("Yesterday's news");
        fields["Form.PublishAt"] = "2026-11-28T09:00";

        var refused = await editor.SaveAsync("/admin/articles/new/", "schedule", fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("must be in the future", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_slug_of_a_published_article_keeps_the_old_address_with_a_301()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = Desk.ArticleId(await editor.SaveAsync("/admin/articles/new/", "publish", Desk.Article("Ferry timetable")));
        var taken = Desk.ArticleId(await editor.SaveAsync("/admin/articles/new/", "save", Desk.Article("Ferry timetable")));

        await editor.SaveAsync($"/admin/articles/{id}/", "save", new() { ["Form.Slug"] = "winter ferry timetable" });
        var old = await app.CreateReader().GetAsync(new Uri("/2026/11/29/ferry-timetable/", UriKind.Relative), Cancel);
        var current = await app.CreateReader().GetAsync(new Uri("/2026/11/29/winter-ferry-timetable/", UriKind.Relative), Cancel);

        Assert.Equal("ferry-timetable-2", (await StoredAsync(app, taken)).Slug);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/2026/11/29/winter-ferry-timetable/", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Every_save_keeps_a_revision_that_can_be_compared_and_restored()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);
        var id = Desk.ArticleId(await editor.SaveAsync("/admin/articles/new/", "save", Desk.Article("Harbour wall", "The wall is old.")));
        await editor.SaveAsync($"/admin/articles/{id}/", "save", new() { ["Form.Body"] = "The wall is crumbling." });
        var revisions = await app.WithDbAsync(db => db.Set<ArticleRevision>().Where(r => r.ArticleId == id).OrderBy(r => r.Id)
            .Select(r => r.Id).ToListAsync(Cancel));

        var compared = await editor.GetPageAsync($"/admin/articles/{id}/revisions/?from={revisions[0]}&to={revisions[1]}");
        var restored = await editor.SubmitAsync($"/admin/articles/{id}/revisions/", $"form#restore-{revisions[0]}", []);
        var stored = await StoredAsync(app, id);

        Assert.Equal(2, revisions.Count);
        Assert.Equal("- The wall is old.", compared.QuerySelector("#difference del")!.TextContent);
        Assert.Equal("+ The wall is crumbling.", compared.QuerySelector("#difference ins")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal("The wall is old.", stored.BodyMarkdown);
        Assert.Contains("The wall is old.", stored.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<ArticleRevision>().CountAsync(r => r.ArticleId == id, Cancel)));
    }

    [Fact]
    public async Task The_second_of_two_editors_saving_at_once_gets_a_conflict_not_an_overwrite()
    {
        using var app = new BroadsheetApp();
        var first = await app.SignedInAsync(Roles.Editor);
        var second = await app.SignedInAsync(Roles.Administrator);
        var id = Desk.ArticleId(await first.SaveAsync("/admin/articles/new/", "save", Desk.Article("Council budget")));
        var firstForm = await first.EditorAsync(id);
        var version = firstForm.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!;

        var secondSave = await second.SaveAsync($"/admin/articles/{id}/", "save", new() { ["Form.Title"] = "Council budget: the figures" });
        var fields = Desk.Article("Council budget: my take");
        fields["Form.Version"] = version;
        var firstSave = await first.SaveAsync($"/admin/articles/{id}/", "save", fields);
        var body = await Reader.ParseAsync(firstSave);

        Assert.Equal(HttpStatusCode.Redirect, secondSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, firstSave.StatusCode);
        Assert.Equal(EditArticlePage.ConflictMessage, body.QuerySelector("#message")!.TextContent);
        Assert.Equal("Council budget: my take", body.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal("Council budget: the figures", (await StoredAsync(app, id)).Title);
    }

    [Fact]
    public async Task The_article_list_filters_by_status_and_text()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);
        await editor.SaveAsync("/admin/articles/new/", "save", Desk.Article("Draft about lighthouses"));
        await editor.SaveAsync("/admin/articles/new/", "publish", Desk.Article("Published about lighthouses"));

        var drafts = await editor.GetPageAsync("/admin/articles/?status=Draft&q=lighthouses");
        var all = await editor.GetPageAsync("/admin/articles/?q=lighthouses");

        Assert.Equal(["Draft about lighthouses"], drafts.QuerySelectorAll("#articles tbody td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal(2, all.QuerySelectorAll("#articles tbody tr").Length);
    }
}
