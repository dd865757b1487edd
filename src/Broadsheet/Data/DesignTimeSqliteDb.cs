using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Broadsheet.Data;

// Lets `dotnet ef migrations add X --context SqliteDb --output-dir Data/Migrations/Sqlite` build
// the model without starting the web host.
internal sealed class DesignTimeSqliteDb : IDesignTimeDbContextFactory<SqliteDb>
{
    public SqliteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDb>().UseSqlite("Data Source=design-time.db").Options);
}
