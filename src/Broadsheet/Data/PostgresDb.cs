using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// PostgreSQL, for sites that run several app nodes. Its migrations live in Data/Migrations/Postgres.
public sealed class PostgresDb(DbContextOptions<PostgresDb> options) : BroadsheetDb(options);
