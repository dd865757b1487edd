using System.Data.Common;
using Npgsql;

namespace Broadsheet.Shared;

// Tells a database that is away (stopped, restarting, unreachable, out of connections) from a
// fault in our own queries, wherever EF Core wrapped the provider's exception.
public static class DatabaseOutage
{
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
                case DbException { IsTransient: true }:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
