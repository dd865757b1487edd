using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Data;

public class DatabaseTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_app_runs_on_the_provider_under_test()
    {
        var isPostgres = await app.WithDbAsync(db => Task.FromResult(db is PostgresDb));

        Assert.Equal(BroadsheetApp.IsPostgres, isPostgres);
    }

    [Fact]
    public async Task Sqlite_commits_are_durable_and_readers_do_not_wait_for_writers()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "SQLite settings");

        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Cancel);
            var journalMode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Cancel);
            var sync = await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync(Cancel);
            return (journalMode.Single(), sync.Single());
        });

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // FULL
    }

    [Fact]
    public async Task Sqlite_has_planner_statistics_from_the_start()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "SQLite statistics");

        var analyzed = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT DISTINCT tbl AS Value FROM sqlite_stat1").ToListAsync(Cancel));

        Assert.Contains("Articles", analyzed);
        Assert.Contains("Comments", analyzed);
    }

    [Fact]
    public async Task The_database_file_is_in_the_configured_data_folder()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "SQLite file");
        await app.WithDbAsync(db => db.Articles.CountAsync(Cancel));

        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "broadsheet.db")));
    }

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_postgres_database_migrate_and_seed_once()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var database = TestPostgres.CreateDatabase();
        try
        {
            var shared = TestPostgres.ConnectionStringFor(database);
            using var nodeA = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared } };
            using var nodeB = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared } };

            await Task.WhenAll(Task.Run(() => nodeA.CreateReader()), Task.Run(() => nodeB.CreateReader()));

            var applied = await nodeA.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync(Cancel));
            var known = await nodeA.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations()));
            var articles = await nodeB.WithDbAsync(db => db.Articles.CountAsync(Cancel));
            var demoArticles = await app.WithDbAsync(db => db.Articles.CountAsync(Cancel));
            Assert.Equal(known, applied);
            Assert.Equal(demoArticles, articles);
        }
        finally
        {
            TestPostgres.DropDatabase(database);
        }
    }
}
