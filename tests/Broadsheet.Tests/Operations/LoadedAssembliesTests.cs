using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Broadsheet.Tests.Operations;

// A single SQLite node without Redis serves its pages without loading the Redis client or the
// image library: each is resident memory (and start time) such a node would carry for nothing.
// The runtime loads an assembly as soon as a method that names one of its types first runs, so
// one misplaced line in a start-up method brings it back; only a real process shows it.
public sealed partial class LoadedAssembliesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sqlite_node_without_redis_serves_pages_without_the_redis_client_or_skia()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "one run is enough: the node under test is SQLite");
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads /proc");
        var data = Directory.CreateTempSubdirectory("broadsheet-loaded-");
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Broadsheet.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Broadsheet__DataDirectory"] = data.FullName,
                ["Broadsheet__DemoContent"] = "true",
                ["ConnectionStrings__Redis"] = "",
                ["ConnectionStrings__Postgres"] = "",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Until.TrueAsync(async () => !process.HasExited && await AnswersAsync(client), timeoutSeconds: 60);
            var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
            var article = ArticleLink().Match(home);
            Assert.True(article.Success, "the demo home page links an article");
            using var page = await client.GetAsync(new Uri(article.Groups[1].Value, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

            var mapped = (await File.ReadAllLinesAsync($"/proc/{process.Id}/maps", Cancel))
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .Select(Path.GetFileName)
                .ToHashSet(StringComparer.Ordinal);

            // The check itself: these are mapped when loaded, so they are in the list at all.
            Assert.Contains("Broadsheet.dll", mapped);
            Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped);
            Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
            Assert.DoesNotContain("SkiaSharp.dll", mapped);
            Assert.DoesNotContain("libSkiaSharp.so", mapped);
            Assert.DoesNotContain("Npgsql.dll", mapped);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
            await Task.WhenAll(output, error);
            data.Delete(recursive: true);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);
            return health.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }


    [GeneratedRegex("""<a[^>]+href="(/\d{4}/\d{2}/\d{2}/[^"]+/)""")]
    private static partial Regex ArticleLink();
}
