using Broadsheet.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Import;

// Runs the importer against a test app's own database, as the command does.
public static class Importing
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "testdata", name);

    public static async Task<ImportReport> ImportWordPressAsync(this BroadsheetApp app, string path, bool skipInvalid = false, string? uploads = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
        return await importer.ImportAsync(() => File.OpenRead(path), skipInvalid, uploads, null, TestContext.Current.CancellationToken);
    }

    // A site with nothing in it: what a newsroom moving from WordPress starts from.
    public static BroadsheetApp EmptySite()
    {
        var app = new BroadsheetApp();
        app.Settings["Broadsheet:DemoContent"] = "false";
        return app;
    }
}
