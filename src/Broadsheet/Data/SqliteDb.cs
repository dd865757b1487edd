using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// The embedded default. Its migrations live in Data/Migrations/Sqlite.
public sealed class SqliteDb(DbContextOptions<SqliteDb> options) : BroadsheetDb(options);
