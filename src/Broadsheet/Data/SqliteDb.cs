using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// The embedded default. Its migrations live in Data/Migrations/Sqlite. Readers, when the app
// provides them, serve the reader pages' fixed statements (PageReads); without them (design time,
// a context made by hand) those reads go through the context's own connection.
public sealed class SqliteDb(DbContextOptions<SqliteDb> options, SqliteReaders? readers = null) : BroadsheetDb(options)
{
    internal SqliteReaders? Readers { get; } = readers;
}
