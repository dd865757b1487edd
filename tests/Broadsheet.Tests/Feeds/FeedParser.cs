using System.Diagnostics;
using System.Text.Json;

namespace Broadsheet.Tests.Feeds;

// Debian's python3-feedparser, the parser behind many real feed readers, as an independent judge
// of our feeds (test.sh installs it). /usr/bin/python3 explicitly: a pyenv python3 earlier on the
// PATH would not see Debian's packages.
public static class FeedParser
{
    private const string Script = """
        import feedparser, json, sys
        d = feedparser.parse(sys.stdin.buffer.read())
        print(json.dumps({
            "bozo": int(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
            "title": d.feed.get("title", ""),
            "entries": [{"id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""),
                         "author": e.get("author", ""), "published": e.get("published", ""),
                         "summary": e.get("summary", ""),
                         "content": e.content[0].value if "content" in e else ""} for e in d.entries]}))
        """;

    public static async Task<ParsedFeed> ParseAsync(byte[] feed)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var ct = TestContext.Current.CancellationToken;
        var output = python.StandardOutput.ReadToEndAsync(ct);
        var errors = python.StandardError.ReadToEndAsync(ct);
        await python.StandardInput.BaseStream.WriteAsync(feed, ct);
        python.StandardInput.Close();
        await python.WaitForExitAsync(ct);
        Assert.True(python.ExitCode == 0, await errors);
        return JsonSerializer.Deserialize<ParsedFeed>(await output, Json)!;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public sealed record ParsedFeed(int Bozo, string Error, string Version, string Title, List<ParsedEntry> Entries);

    public sealed record ParsedEntry(string Id, string Title, string Link, string Author, string Published, string Summary, string Content);
}
