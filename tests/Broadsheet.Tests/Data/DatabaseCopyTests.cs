using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Data;

// `database copy --to-postgres`: a SQLite site moves to PostgreSQL whole, and the site on
// PostgreSQL is the same site to readers, staff and search.
public sealed class DatabaseCopyTests(CopiedSite site) : IClassFixture<CopiedSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_copied_site_serves_the_same_article_page_comments_old_address_and_upload()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var before = await site.Source.CreateReader().GetPageAsync(site.Permalink);
        var after = await site.Target.CreateReader().GetPageAsync(site.Permalink);
        var oldAddress = await site.Target.CreateReader().GetAsync(new Uri(site.OldPermalink, UriKind.Relative), Cancel);
        var upload = await site.Target.CreateReader().GetAsync(new Uri(site.MediaUrl, UriKind.Relative), Cancel);

        Assert.Equal(0, site.ExitCode);
        Assert.Equal(before.QuerySelector("article.article")!.OuterHtml, after.QuerySelector("article.article")!.OuterHtml);
        Assert.Equal(before.QuerySelector("#comments > ol")!.OuterHtml, after.QuerySelector("#comments > ol")!.OuterHtml);
        Assert.Contains("灯台守 😀", after.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The Marram Gazette", after.QuerySelector(".site-title")!.TextContent);
        Assert.Equal(HttpStatusCode.MovedPermanently, oldAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
    }

    [Fact]
    public async Task Staff_sign_in_on_the_copied_site_with_the_same_password()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var client = site.Target.CreateReader();

        var signedIn = await client.SignInAsync(Staff.EmailFor(Roles.Administrator), Staff.Password);
        var desk = await client.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
    }

    [Fact]
    public void Every_entity_type_of_the_model_has_the_same_rows_in_PostgreSQL_as_in_SQLite()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");

        Assert.Equal(site.SourceRows.Keys.Order(), site.TargetRows.Keys.Order());
        foreach (var (entityType, rows) in site.SourceRows)
        {
            Assert.True(rows.Count == site.TargetRows[entityType].Count, $"{entityType}: {rows.Count} rows in SQLite, {site.TargetRows[entityType].Count} in PostgreSQL");
            Assert.Equal(rows, site.TargetRows[entityType]);
        }
        Assert.All(new[] { "Comment", "ArticleRevision", "AuditEntry", "MediaItem", "OldSlug", "SiteSettings", "StaffUser", "DataProtectionKey" },
            name => Assert.NotEmpty(site.SourceRows.Single(t => t.Key.EndsWith("." + name, StringComparison.Ordinal)).Value));
        Assert.Contains("verified", site.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_comment_on_the_copied_site_gets_an_id_above_the_copied_ones()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var copiedMax = await site.Source.WithDbAsync(db => db.Comments.MaxAsync(c => c.Id, Cancel));

        var posted = await site.Target.CreateReader("198.51.100.23").PostCommentAsync(site.Permalink, Reader.ValidComment("Glad to see the light on again."));
        var stored = await site.Target.WithDbAsync(db => db.Comments.SingleAsync(c => c.Content == "Glad to see the light on again.", Cancel));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.True(stored.Id > copiedMax, $"new id {stored.Id}, copied up to {copiedMax}");
    }

    [Fact]
    public async Task Search_on_the_copied_site_finds_copied_articles()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");

        var results = await site.Target.CreateReader().GetPageAsync("/search?q=lighthouse+keepers");

        Assert.Contains(results.QuerySelectorAll("a"), a => a.GetAttribute("href") == site.Permalink);
    }

    [Fact]
    public async Task A_second_copy_into_a_database_that_holds_a_site_is_refused_and_changes_nothing()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        await using var target = site.OpenTarget();
        var before = await CopiedSite.RowsAsync(target);

        var (code, _, error) = await CopiedSite.RunCopyAsync(site.Source, site.TargetConnectionString);

        Assert.Equal(1, code);
        Assert.Contains("already holds content", error, StringComparison.Ordinal);
        Assert.Equal(before, await CopiedSite.RowsAsync(target));
    }

    [Fact]
    public async Task A_connection_string_that_reaches_no_server_or_does_not_parse_gives_a_clear_error()
    {
        using var source = BroadsheetApp.OnSqlite();
        await source.CreateReader().GetAsync(new Uri("/", UriKind.Relative), Cancel);

        var (unreachable, _, unreachableError) = await CopiedSite.RunCopyAsync(source, "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Timeout=5");
        var (malformed, _, malformedError) = await CopiedSite.RunCopyAsync(source, "Host=127.0.0.1;Prot=5432");

        Assert.Equal(1, unreachable);
        Assert.StartsWith("Cannot reach PostgreSQL: Failed to connect to 127.0.0.1:1", unreachableError, StringComparison.Ordinal);
        Assert.Equal(1, malformed);
        Assert.StartsWith("The PostgreSQL connection string is not valid", malformedError, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Broadsheet.", unreachableError + malformedError, StringComparison.Ordinal);
    }
}
