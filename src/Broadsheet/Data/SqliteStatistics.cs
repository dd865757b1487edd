using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// Keeps SQLite's planner statistics (sqlite_stat1) current, as SQLite advises for long-lived
// connections: PRAGMA optimize at start, after migrations and seeding, and again every hour.
// Without them the planner guesses that every index is selective, and on a large site picks
// (Status, CreatedAt) for a thread's replies too, reading every approved comment of the site.
// 0x10002: analyze any table whose statistics are missing or stale (0x02), checking all tables
// (0x10000), not only those this pooled connection happened to query. SQLite bounds the work with
// a temporary analysis_limit, so a pass costs milliseconds, even on a site of a million comments.
public sealed partial class SqliteStatistics(IServiceScopeFactory scopes, TimeProvider time, ILogger<SqliteStatistics> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public static async Task OptimizeAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        if (db is SqliteDb)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await OptimizeAsync(scope.ServiceProvider.GetRequiredService<BroadsheetDb>(), stoppingToken);
            }
            // Stale statistics only cost speed: the next pass tries again.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OptimizeFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the database statistics failed; it is tried again in an hour.")]
    private static partial void OptimizeFailed(ILogger logger, Exception exception);
}
