using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Broadsheet.Data;

// The embedded default. Its migrations live in Data/Migrations/Sqlite. Readers, when the app
// provides them, serve the reader pages' fixed statements (PageReads); without them (design time,
// a context made by hand) those reads go through the context's own connection.
// Pooled (DataSetup), so its one constructor takes the options alone: the readers come from the
// app's services the options were made with.
public sealed class SqliteDb(DbContextOptions<SqliteDb> options) : BroadsheetDb(options)
{
    internal SqliteReaders? Readers { get; } =
        options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<SqliteReaders>();

    // Whether this context ever began or joined a transaction (TransactionWatch); never cleared, not
    // even when the pool takes the context back (PageReads then asks EF, which is only slower).
    // Until it has, no read of it can be inside one, and PageReads need not ask EF, which would
    // build the context's services for a page that otherwise never needs them.
    internal bool HasUsedTransaction { get; set; }
}

internal sealed class TransactionWatch : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Mark(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        Mark(eventData);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Mark(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        Mark(eventData);
        return ValueTask.FromResult(result);
    }

    private static void Mark(TransactionEventData eventData)
    {
        if (eventData.Context is SqliteDb db)
        {
            db.HasUsedTransaction = true;
        }
    }
}
