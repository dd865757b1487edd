using System.Diagnostics;
using Broadsheet.Import;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// A broken file changes nothing and says where it broke; a half-bad file is imported only when
// asked to; the command line runs the same importer.
public sealed class ImportSafetyTests : IDisposable
{
    private readonly BroadsheetApp _app = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_malformed_file_names_its_line_and_leaves_the_database_as_it_was()
    {
        _app.CreateClient().Dispose();
        var before = await Snapshot.OfAsync(_app);

        var error = await Assert.ThrowsAsync<WxrException>(() => _app.ImportWordPressAsync(Importing.Fixture("malformed.xml")));

        Assert.Equal(391, error.Line);
        Assert.Contains("post_id", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot.OfAsync(_app));
    }

    [Fact]
    public async Task An_unreadable_item_stops_the_import_unless_invalid_items_may_be_skipped()
    {
        _app.CreateClient().Dispose();
        var before = await Snapshot.OfAsync(_app);

        var refused = await Assert.ThrowsAsync<InvalidExportException>(() => _app.ImportWordPressAsync(Importing.Fixture("invalid-item.xml")));
        Assert.Equal(before, await Snapshot.OfAsync(_app));
        var invalid = Assert.Single(refused.Invalid);
        Assert.Equal("<item> post 102", invalid.What);
        Assert.Contains("first of April", invalid.Why, StringComparison.Ordinal);

        var report = await _app.ImportWordPressAsync(Importing.Fixture("invalid-item.xml"), skipInvalid: true);
        Assert.Contains(report.Skipped, s => s.What == "<item> post 102");
        Assert.Equal(5, report.ArticlesAdded);
    }

    [Fact]
    public async Task A_newer_export_of_the_same_site_updates_what_changed_and_adds_what_is_new()
    {
        await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));
        var newer = Path.Combine(_app.DataDirectory, "newer.xml");
        var text = await File.ReadAllTextAsync(Importing.Fixture("site.xml"), Cancel);
        text = text.Replace("Harbour reopens 🌊", "Harbour reopens at last 🌊", StringComparison.Ordinal)
            .Replace("<wp:comment_approved><![CDATA[0]]></wp:comment_approved>", "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>", StringComparison.Ordinal)
            .Replace("<wp:comment_id>1018</wp:comment_id>", "<wp:comment_id>1019</wp:comment_id>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(newer, text, Cancel);

        var report = await _app.ImportWordPressAsync(newer);

        Assert.Equal(0, report.ArticlesAdded + report.PagesAdded);
        Assert.Equal(8, report.ArticlesUpdated); // six posts and two pages, matched on their WordPress IDs
        Assert.Equal(1, report.CommentsAdded);
        var (title, pending, comments) = await _app.WithDbAsync(async db => (
            await db.Articles.Where(a => a.WordPressId == 101).Select(a => a.Title).SingleAsync(Cancel),
            await db.Comments.Where(c => c.WordPressId == 1013).Select(c => c.Status).SingleAsync(Cancel),
            await db.Comments.CountAsync(c => c.WordPressId != null, Cancel)));
        Assert.Equal("Harbour reopens at last 🌊", title);
        Assert.Equal(Broadsheet.Comments.CommentStatus.Approved, pending);
        Assert.Equal(20, comments); // the old 1018 stays: an export never deletes
    }

    [Fact]
    public async Task A_WXR_1_0_file_without_an_author_list_or_term_ids_is_imported()
    {
        var report = await _app.ImportWordPressAsync(Importing.Fixture("wxr-1.0.xml"));

        Assert.Equal((1, 1), (report.ArticlesAdded, report.CommentsAdded));
        var article = await _app.WithDbAsync(db => db.Articles.Include(a => a.Author).Include(a => a.Category)
            .SingleAsync(a => a.WordPressId == 7, Cancel));
        Assert.Equal(("first-post", "admin", "musings"), (article.Slug, article.Author.WordPressLogin, article.Category.Slug));
        Assert.Equal(new DateTime(2008, 6, 1, 11, 0, 0, DateTimeKind.Utc), article.PublishedAt);
        Assert.Equal("<p>Hello from 2008.</p>\n<p>It was a good year.</p>", article.BodyHtml.Trim());
    }

    [Fact]
    public async Task The_import_command_runs_from_the_command_line_and_prints_a_summary()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("broadsheet-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Broadsheet.dll"), "import", "wordpress", Importing.Fixture("site.xml"),
                    "--uploads", Directory.CreateDirectory(Path.Combine(dataDirectory, "uploads")).FullName,
                    $"--Broadsheet:DataDirectory={dataDirectory}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(Cancel);
            var errors = await process.StandardError.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);

            Assert.True(process.ExitCode == 0, errors);
            Assert.Contains("Articles: 6 added, 0 updated; pages: 2 added", output, StringComparison.Ordinal);
            Assert.Contains("Comments: 19 added", output, StringComparison.Ordinal);
            Assert.Contains("Staff accounts to invite: 1 created", output, StringComparison.Ordinal);
            Assert.Contains("Files: 0 added to the media library, 0 already there, 2 not imported", output, StringComparison.Ordinal);
            Assert.Contains("not imported: http://old.example.com/wp-content/uploads/2024/03/boat.jpg: no such file in the uploads folder",
                output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "broadsheet.db")));

            var exported = Path.Combine(dataDirectory, "export.xml");
            var export = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Broadsheet.dll"), "export", "wordpress", exported,
                    $"--Broadsheet:DataDirectory={dataDirectory}" },
                RedirectStandardOutput = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            using var exporting = Process.Start(export)!;
            await exporting.StandardOutput.ReadToEndAsync(Cancel);
            await exporting.WaitForExitAsync(Cancel);
            Assert.Equal(0, exporting.ExitCode);
            Assert.Equal(8, System.Xml.Linq.XDocument.Load(exported).Descendants("item")
                .Count(i => i.Elements().Any(e => e.Name.LocalName == "post_type" && e.Value is "post" or "page")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task The_command_line_reports_a_malformed_file_with_its_line_and_fails()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("broadsheet-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Broadsheet.dll"), "import", "wordpress", Importing.Fixture("malformed.xml"),
                    $"--Broadsheet:DataDirectory={dataDirectory}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(Cancel);
            await process.StandardOutput.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("line 391", errors, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
