using System.Reflection;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Broadsheet.Tests.Data;

// The app finds its migrations without loading every type (MigrationTypes): it must find the
// same ones EF Core's own search would, for the database under test, and the model snapshot.
public class MigrationTypesTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    [Fact]
    public async Task The_app_finds_every_migration_of_its_database_and_the_model_snapshot()
    {
        var (found, snapshot, contextType) = await app.WithDbAsync(db => Task.FromResult((
            db.Database.GetMigrations().ToList(),
            db.GetService<IMigrationsAssembly>().ModelSnapshot?.GetType(),
            db.GetType())));

        var expected = typeof(BroadsheetDb).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Migration)) && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()!.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
        Assert.Equal(contextType, snapshot?.GetCustomAttribute<DbContextAttribute>()?.ContextType);
    }
}
