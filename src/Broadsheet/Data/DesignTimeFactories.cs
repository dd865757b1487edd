using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Broadsheet.Data;

// Let `dotnet ef migrations add X --context SqliteDb|PostgresDb` build each provider's model
// without starting the web host (and without a running database server).
internal sealed class DesignTimeSqliteDb : IDesignTimeDbContextFactory<SqliteDb>
{
    public SqliteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class DesignTimePostgresDb : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql("Host=127.0.0.1;Database=broadsheet_design").Options);
}
