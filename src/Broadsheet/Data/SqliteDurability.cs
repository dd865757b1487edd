using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Broadsheet.Data;

// synchronous is a per-connection setting in SQLite. FULL makes each commit wait for the WAL to
// reach the disk: a comment we acknowledged survives a crash or power loss (NORMAL, the usual WAL
// pairing, may lose the last commits). The pool hands the same native connection out again and
// again and the setting stays on it, so it is set once per native connection, not on every open
// (which is every query: a page paid one extra statement per query).
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL;";

    // Keyed by the native handle, which lives as long as the pooled connection; an entry goes with it.
    private static readonly ConditionalWeakTable<object, object> Durable = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkDurable(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkDurable(connection);
        }
    }

    private static bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Durable.TryGetValue(handle, out _);

    private static void MarkDurable(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Durable.AddOrUpdate(handle, Pragmas);
        }
    }
}
