// Benchmark tools for Broadsheet, run by hand (never by the test suite):
//   generate --data DIR --articles N --comments M   fill a SQLite data folder with a large site
//   time-sql --db FILE --sql FILE [--runs N] [--values "v0|v1|…"]   one statement's cost per run (@p0, @p1, … bound in order)
// The site keeps the demo newsroom and adds a bench article with exactly 50 approved comments
// (the WordPress baseline's article) and one with 5,000 comments (a thread that must paginate).
using System.Diagnostics;
using Broadsheet.Bench;

var options = Arguments.Parse(args.Length > 0 ? args[1..] : []);
if (args.Length > 0 && args[0] == "time-sql")
{
    try
    {
        StatementTimer.Run(options.GetValueOrDefault("db") ?? throw new ArgumentException("--db FILE is required"),
            File.ReadAllText(options.GetValueOrDefault("sql") ?? throw new ArgumentException("--sql FILE is required")),
            int.Parse(options.GetValueOrDefault("runs") ?? "2000", System.Globalization.CultureInfo.InvariantCulture),
            options.TryGetValue("values", out var values) ? values.Split('|') : []);
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException or Microsoft.Data.Sqlite.SqliteException)
    {
        Console.Error.WriteLine($"time-sql: {e.Message}");
        return 2;
    }
    return 0;
}
if (args.Length == 0 || args[0] != "generate")
{
    Console.Error.WriteLine("usage: generate --data DIR [--articles N] [--comments M]");
    Console.Error.WriteLine("       time-sql --db FILE --sql FILE [--runs N] [--values \"v0|v1|…\"]");
    return 2;
}
var clock = Stopwatch.StartNew();
try
{
    await SiteGenerator.GenerateAsync(
        options.GetValueOrDefault("data") ?? throw new ArgumentException("--data DIR is required"),
        int.Parse(options.GetValueOrDefault("articles") ?? "1000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(options.GetValueOrDefault("comments") ?? "10000", System.Globalization.CultureInfo.InvariantCulture));
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException)
{
    Console.Error.WriteLine($"generate: {e.Message}");
    return 2;
}
Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F1} s");
return 0;
