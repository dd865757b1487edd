using Spectre.Console;

namespace Broadsheet.Import;

// import wordpress FILE.xml [--skip-invalid] | import disqus FILE.xml | import broadsheet BACKUP.json
// A progress bar when a person watches (a terminal), plain lines when the output is a log.
public static class ImportCommand
{
    private const string Usage = "usage: import wordpress FILE.xml [--skip-invalid] | import disqus FILE.xml | import broadsheet BACKUP.json";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (positional.Count != 2 || !File.Exists(positional[1]))
        {
            await Console.Error.WriteLineAsync(positional.Count == 2 ? $"No such file: {positional[1]}" : Usage);
            return 2;
        }
        var file = positional[1];
        try
        {
            switch (positional[0])
            {
                case "wordpress":
                    var importer = services.GetRequiredService<WordPressImporter>();
                    var report = await WithProgressAsync(
                        progress => importer.ImportAsync(() => File.OpenRead(file), args.Contains("--skip-invalid"), progress, cancellationToken));
                    Summarise(report);
                    return 0;
                case "disqus":
                    await using (var disqus = File.OpenRead(file))
                    {
                        var result = await services.GetRequiredService<DisqusImporter>().ImportAsync(disqus, cancellationToken);
                        Console.WriteLine($"Comments: {result.Added} added, {result.Updated} updated");
                        foreach (var unmatched in result.Unmatched)
                        {
                            Console.WriteLine("  not imported: " + unmatched);
                        }
                    }
                    return 0;
                case "broadsheet":
                    await using (var backup = File.OpenRead(file))
                    {
                        await services.GetRequiredService<SiteBackup>().RestoreAsync(backup, cancellationToken);
                    }
                    Console.WriteLine($"Restored {file}");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (InvalidOperationException notEmpty) when (positional[0] == "broadsheet")
        {
            await Console.Error.WriteLineAsync(notEmpty.Message);
            return 1;
        }
        catch (WxrException malformed)
        {
            await Console.Error.WriteLineAsync($"{file}, {malformed.Message}. Nothing was changed.");
            return 1;
        }
        catch (InvalidExportException invalid)
        {
            await Console.Error.WriteLineAsync($"{file}: {invalid.Invalid.Count} entries cannot be imported, so nothing was changed:");
            foreach (var entry in invalid.Invalid)
            {
                await Console.Error.WriteLineAsync("  " + entry);
            }
            await Console.Error.WriteLineAsync("Run again with --skip-invalid to import everything else.");
            return 1;
        }
    }

    private static async Task<ImportReport> WithProgressAsync(Func<IProgress<ImportProgress>, Task<ImportReport>> import)
    {
        if (Console.IsOutputRedirected)
        {
            return await import(new ConsoleProgress(p => Console.WriteLine($"{p.Done}/{p.Total} items")));
        }
        return await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Importing");
            return await import(new ConsoleProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
        });
    }

    // Reports as it is told, on the importer's own thread (Progress<T> would post to the thread
    // pool, and lines could come after the summary).
    private sealed class ConsoleProgress(Action<ImportProgress> show) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => show(value);
    }

    private static void Summarise(ImportReport report)
    {
        Console.WriteLine($"Articles: {report.ArticlesAdded} added, {report.ArticlesUpdated} updated; pages: {report.PagesAdded} added");
        Console.WriteLine($"Comments: {report.CommentsAdded} added, {report.CommentsUpdated} updated");
        Console.WriteLine($"Authors: {report.Authors}, categories: {report.Categories}, tags: {report.Tags}, old addresses kept: {report.LegacyUrls}");
        if (report.Skipped.Count > 0)
        {
            Console.WriteLine($"Skipped {report.Skipped.Count}:");
            foreach (var skipped in report.Skipped)
            {
                Console.WriteLine("  " + skipped);
            }
        }
    }
}
