using System.Diagnostics;
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
    public async Task The_copied_articles_keep_their_stored_thread_counts()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        await using var target = site.OpenTarget();

        // Every column is compared with SQLite's by the test above; these must also be true counts.
        var copied = await Comments.StoredCounts.AssertMatchAsync(target);

        Assert.Contains(copied, r => r.Approved > 0);
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
    public async Task The_command_refuses_a_bad_connection_string_an_unreachable_server_and_a_folder_without_a_site()
    {
        var site = Directory.CreateTempSubdirectory("broadsheet-copy-");
        var nothing = Directory.CreateTempSubdirectory("broadsheet-copy-");
        var notADatabase = Directory.CreateTempSubdirectory("broadsheet-copy-");
        await File.WriteAllTextAsync(Path.Combine(notADatabase.FullName, "broadsheet.db"), "Dear editor, …", Cancel);
        const string Nowhere = "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Timeout=5";
        try
        {
            var migrated = await RunAsync("migrate", $"--Broadsheet:DataDirectory={site.FullName}");
            var malformed = await RunAsync("database", "copy", "--to-postgres", "Host=127.0.0.1;Prot=5432", $"--Broadsheet:DataDirectory={site.FullName}");
            var unreachable = await RunAsync("database", "copy", "--to-postgres", Nowhere, $"--Broadsheet:DataDirectory={site.FullName}");
            var noSite = await RunAsync("database", "copy", "--to-postgres", Nowhere, $"--Broadsheet:DataDirectory={nothing.FullName}");
            var notASite = await RunAsync("database", "copy", "--to-postgres", Nowhere, $"--Broadsheet:DataDirectory={notADatabase.FullName}");

            Assert.Equal(0, migrated.Code);
            Assert.Equal([1, 1, 1, 1], new[] { malformed.Code, unreachable.Code, noSite.Code, notASite.Code });
            Assert.StartsWith("The PostgreSQL connection string is not valid: ", malformed.Error, StringComparison.Ordinal);
            Assert.StartsWith("Cannot reach PostgreSQL: Failed to connect to 127.0.0.1:1", unreachable.Error, StringComparison.Ordinal);
            Assert.StartsWith("There is no SQLite site at " + Path.Combine(nothing.FullName, "broadsheet.db"), noSite.Error, StringComparison.Ordinal);
            Assert.StartsWith("Cannot read the SQLite site: SQLite Error 26: 'file is not a database'.", notASite.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(nothing.FullName, "broadsheet.db")));
            Assert.All(new[] { malformed, unreachable, noSite, notASite }, run => Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { site, nothing, notADatabase })
            {
                folder.Delete(recursive: true);
            }
        }
    }

    // The published app as an operator runs it: `Broadsheet <command> …`, in its own process.
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Broadsheet.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output, await error);
    }
}
