using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Broadsheet.Shared;

// Tells a database that is away (stopped, restarting, unreachable, out of connections, a SQLite
// file locked or unreadable) from a fault in our own queries, wherever EF Core wrapped the
// provider's exception. Such a failure is answered 503 with Retry-After, never 500.
//
// No EF retry strategy (EnableRetryOnFailure) on purpose: it would hold each reader's request for
// up to half a minute of retries while the database is away, and it refuses the transactions that
// comment intake and the purge open themselves. A node answers at once instead ("try again in a
// moment"). Nor does the pool need clearing by hand: Npgsql never hands out a connection that the
// stopped (or crashed) server closed, so the first request after PostgreSQL returns is served
// (DatabaseOutageTests stop the real server both ways); a connection that breaks in use is dropped.
public static class DatabaseOutage
{
    public const int RetryAfterSeconds = 30;

    // SQLite result codes of a file that is busy, locked, read-only, unreadable, full or gone.
    private static readonly int[] SqliteUnavailable = [5, 6, 8, 10, 11, 13, 14, 26];

    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Connection exceptions (08), database gone (3D000), shutting down (57P), out of resources (53).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState == "3D000"
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case SqliteException sqlite:
                    return SqliteUnavailable.Contains(sqlite.SqliteErrorCode);
                case DbException { IsTransient: true }:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    // For a lookup a request can do without (an old address's redirect, asked before the page
    // cache): while the database is away it finds nothing, so cached pages are still served.
    public static async Task<T?> OrNullWhileAwayAsync<T>(Func<Task<T?>> lookup) where T : class
    {
        try
        {
            return await lookup();
        }
        catch (Exception e) when (IsOutage(e))
        {
            return null;
        }
    }
}
