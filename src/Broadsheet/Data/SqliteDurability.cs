using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Broadsheet.Data;

// synchronous is a per-connection setting in SQLite, so it is set on every connection the pool
// opens. FULL makes each commit wait for the WAL to reach the disk: a comment we acknowledged
// survives a crash or power loss (NORMAL, the usual WAL pairing, may lose the last commits).
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
