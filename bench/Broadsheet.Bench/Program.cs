// Benchmark tools for Broadsheet, run by hand (never by the test suite):
//   generate --data DIR --articles N --comments M   fill a SQLite data folder with a large site
// The site keeps the demo newsroom and adds a bench article with exactly 50 approved comments
// (the WordPress baseline's article) and one with 5,000 comments (a thread that must paginate).
using System.Diagnostics;
using Broadsheet.Bench;

if (args.Length == 0 || args[0] != "generate")
{
    Console.Error.WriteLine("usage: generate --data DIR [--articles N] [--comments M]");
    return 2;
}
var options = Arguments.Parse(args[1..]);
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
