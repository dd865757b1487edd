using Broadsheet.Caching;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Broadsheet.Data;

// Chooses and prepares the database: SQLite embedded in the data folder (the default, one
// command and nothing else to install), or PostgreSQL for sites that run several app nodes.
// Features only ever see BroadsheetDb.
public static class DataSetup
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DataOptions.Section).Get<DataOptions>() ?? new DataOptions();
        var provider = DatabaseProviders.From(builder.Configuration);
        // Contexts are pooled: every request asks for one (most pages only pass it on to PageReads),
        // and making a context (comparing its options with EF's cached ones, setting its DbSets)
        // cost more than a reader page's old-address lookup. A context goes back to the pool reset
        // (tracked entities, open connection and transaction gone), with the same singleton options.
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres") is { Length: > 0 } cs ? cs
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            builder.Services.AddDbContextPool<PostgresDb>((services, db) => db.UseNpgsql(connectionString)
                .ReplaceService<IMigrationsAssembly, MigrationTypes>()
                .AddInterceptors(services.GetRequiredService<CacheEviction>()));
            builder.Services.AddScoped<BroadsheetDb>(services => services.GetRequiredService<PostgresDb>());
        }
        else
        {
            Directory.CreateDirectory(options.FullDataDirectory);
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(options.FullDataDirectory, "broadsheet.db"),
                ForeignKeys = true,
            }.ToString();
            // Disposed with the app, which closes the kept connections before the file may go.
            builder.Services.AddSingleton(_ => new SqliteReaders(connectionString));
            builder.Services.AddDbContextPool<SqliteDb>((services, db) => db.UseSqlite(connectionString)
                .ReplaceService<IMigrationsAssembly, MigrationTypes>()
                .AddInterceptors(new SqliteDurability(), new TransactionWatch(), services.GetRequiredService<CacheEviction>()));
            builder.Services.AddScoped<BroadsheetDb>(services => services.GetRequiredService<SqliteDb>());
            builder.Services.AddHostedService<SqliteStatistics>();
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<BroadsheetDb>("database", tags: ["ready"]);
        builder.Services.AddDataProtection()
            .SetApplicationName("Broadsheet")
            .PersistKeysToDbContext<BroadsheetDb>();
        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        var seedDemo = scope.ServiceProvider.GetRequiredService<IOptions<DataOptions>>().Value.DemoContent;
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await PrepareAsync(db, async cancellationToken =>
        {
            if (seedDemo)
            {
                await DemoContent.SeedIfEmptyAsync(db, time, cancellationToken);
            }
        }, CancellationToken.None);
    }

    // Migrates, then runs `afterwards` (seeding) while still holding the migration lock, so that
    // nodes starting together on an empty PostgreSQL database neither migrate nor seed twice.
    public static async Task PrepareAsync(BroadsheetDb db, Func<CancellationToken, Task> afterwards, CancellationToken cancellationToken)
    {
        if (db is PostgresDb)
        {
            await PostgresMigration.UnderLockAsync(db, async () =>
            {
                await db.Database.MigrateAsync(cancellationToken);
                await Comments.CommentRendering.FillMissingAsync(db, cancellationToken);
                await afterwards(cancellationToken);
            }, cancellationToken);
            return;
        }
        // On SQLite one process owns the file: migrating at start is what a one-command install needs.
        // Asked first because MigrateAsync also compares the model with the migrations' snapshot,
        // a few hundred milliseconds of CPU at every start even when nothing is due (bench/README.md).
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        // WAL lets readers go on while a comment is written; the mode is stored in the file itself.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await Comments.CommentRendering.FillMissingAsync(db, cancellationToken);
        await afterwards(cancellationToken);
        // Last, so that the statistics describe the migrated and seeded tables.
        await SqliteStatistics.OptimizeAsync(db, cancellationToken);
    }
}
