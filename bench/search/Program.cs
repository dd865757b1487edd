// Search latency over a generated newsroom: `dotnet run -c Release --project bench/search [-- COUNT]`.
// Fills a temporary SQLite file through the app's own migrations (so the FTS5 tables and triggers
// are the real ones), then times SqliteFtsSearch for each query: first results page, with count,
// snippets and summaries, as the search page asks for them.
using System.Diagnostics;
using System.Globalization;
using Broadsheet.Bench.Search;
using Broadsheet.Data;
using Broadsheet.Search;
using Broadsheet.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const int Runs = 40;
var folder = Directory.CreateTempSubdirectory("broadsheet-bench-");
var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "bench.db") }.ToString();
var options = new DbContextOptionsBuilder<SqliteDb>().UseSqlite(connectionString).Options;

try
{
    await using (var db = new SqliteDb(options))
    {
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var fill = Stopwatch.StartNew();
        await Newsroom.FillAsync(db, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated and indexed {count:N0} articles in {fill.Elapsed.TotalSeconds:F1} s ({new FileInfo(Path.Combine(folder.FullName, "bench.db")).Length / 1_048_576.0:F0} MB)."));
    }

    var clock = new SiteClock(TimeProvider.System, Options.Create(new SiteOptions()));
    Console.WriteLine("| Query | Results | Median (ms) | p95 (ms) |");
    Console.WriteLine("|---|---:|---:|---:|");
    var all = new List<double>();
    foreach (var query in Newsroom.Queries)
    {
        var timings = new List<double>();
        var total = 0;
        for (var run = 0; run < Runs + 3; run++)
        {
            // A fresh context per search, as each request gets one.
            await using var db = new SqliteDb(options);
            var search = new SqliteFtsSearch(db, clock, NullLogger<SqliteFtsSearch>.Instance);
            var watch = Stopwatch.StartNew();
            total = (await search.SearchAsync(SearchQuery.Parse(query), 1, 10, CancellationToken.None)).Total;
            if (run >= 3) // the first runs warm caches and JIT
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        all.AddRange(timings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| `{query}` | {total:N0} | {Percentile(timings, 0.5):F1} | {Percentile(timings, 0.95):F1} |"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| all queries | | {Percentile(all, 0.5):F1} | {Percentile(all, 0.95):F1} |"));
}
finally
{
    SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
