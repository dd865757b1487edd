namespace Broadsheet.Import;

// export wordpress OUT.xml [--site-url=https://paper.example] | export json OUT.json
// The site URL only shapes the links inside the file (WordPress's importer does not need them).
public static class ExportCommand
{
    private const string Usage = "usage: export wordpress OUT.xml [--site-url URL] | export json OUT.json";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var siteUrl = "http://localhost";
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--site-url" && i + 1 < args.Count)
            {
                siteUrl = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
            }
        }
        if (positional.Count != 2 || positional[0] is not ("wordpress" or "json"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        await using (var output = File.Create(positional[1]))
        {
            if (positional[0] == "wordpress")
            {
                await services.GetRequiredService<WordPressExporter>().ExportAsync(output, siteUrl, cancellationToken);
            }
            else
            {
                await services.GetRequiredService<SiteBackup>().WriteAsync(output, cancellationToken);
            }
        }
        Console.WriteLine($"Wrote {positional[1]}");
        return 0;
    }
}
