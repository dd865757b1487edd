using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// Chooses and prepares the database. SQLite, embedded in the data folder, is the default and the
// only provider so far; PostgreSQL arrives as a second BroadsheetDb subclass beside SqliteDb.
public static class DataSetup
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DataOptions.Section).Get<DataOptions>() ?? new DataOptions();
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported yet; use 'Sqlite' (the default).");
        }

        Directory.CreateDirectory(options.FullDataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "broadsheet.db"),
            ForeignKeys = true,
        }.ToString();
        builder.Services.AddDbContext<SqliteDb>(db => db
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDb).Assembly.FullName))
            .AddInterceptors(new SqliteDurability()));
        builder.Services.AddScoped<BroadsheetDb>(services => services.GetRequiredService<SqliteDb>());
        builder.Services.AddHealthChecks().AddDbContextCheck<BroadsheetDb>("database");

        // Keys live beside the database so that remembered-commenter cookies survive restarts.
        builder.Services.AddDataProtection()
            .SetApplicationName("Broadsheet")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataDirectory, "keys")));
        return builder;
    }

    // On SQLite, migrating at start is what a one-command install needs: one process owns the file.
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        await db.Database.MigrateAsync();
        // WAL lets readers go on while a comment is written; the mode is stored in the file itself.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value;
        if (options.DemoContent)
        {
            await DemoContent.SeedIfEmptyAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        }
    }
}
