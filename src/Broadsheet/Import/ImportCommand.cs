using Spectre.Console;

namespace Broadsheet.Import;

// import wordpress FILE.xml [--skip-invalid] [--uploads DIR] | import disqus FILE.xml | import broadsheet BACKUP.json
// A progress bar when a person watches (a terminal), plain lines when the output is a log.
public static class ImportCommand
{
    private const string Usage = "usage: import wordpress FILE.xml [--skip-invalid] [--uploads DIR] | import disqus FILE.xml | import broadsheet BACKUP.json";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var at = args.ToList().IndexOf("--uploads");
        var uploads = at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (at < 0 || i != at + 1)).ToList();
        if (positional.Count != 2 || (at >= 0 && uploads is null))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        if (!File.Exists(positional[1]))
        {
            await Console.Error.WriteLineAsync($"No such file: {positional[1]}");
            return 2;
        }
        if (uploads is not null && !Directory.Exists(uploads))
        {
            await Console.Error.WriteLineAsync($"No such folder: {uploads}");
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
                        progress => importer.ImportAsync(() => File.OpenRead(file), args.Contains("--skip-invalid"), uploads, progress, cancellationToken));
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
        Console.WriteLine($"Staff accounts to invite: {report.AccountsCreated} created (no password: an administrator sets one under Users)");
        foreach (var account in report.AccountsNotCreated)
        {
            Console.WriteLine("  no account: " + account);
        }
        if (report.FilesAdded + report.FilesKept + report.FilesNotImported.Count > 0)
        {
            Console.WriteLine($"Files: {report.FilesAdded} added to the media library, {report.FilesKept} already there, {report.FilesNotImported.Count} not imported");
        }
        foreach (var file in report.FilesNotImported)
        {
            Console.WriteLine("  not imported: " + file);
        }
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
