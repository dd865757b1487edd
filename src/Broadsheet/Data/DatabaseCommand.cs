using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;

namespace Broadsheet.Data;

// database copy [--to-postgres "Host=…;Database=…;Username=…"]: moves this SQLite site into an
// empty PostgreSQL database, the first step of going from one machine to several app nodes. The
// target may also come from ConnectionStrings:Postgres, so its password need not be typed where
// the shell history keeps it. The source is the site this configuration runs on SQLite.
public static class DatabaseCommand
{
    public const string Usage = "database copy [--to-postgres \"Host=…;Database=…;Username=…\"]  (or set ConnectionStrings__Postgres)";

    public static async Task<int> RunAsync(Shared.CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var named = context.Option("to-postgres");
        if (context.Args is not ["copy", ..] || context.Args.Length != (named is null ? 1 : 3))
        {
            return await context.UsageAsync(Usage);
        }
        var connectionString = named ?? context.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await context.Error.WriteLineAsync("Name the PostgreSQL database: --to-postgres \"Host=…;Database=…;Username=…\", or ConnectionStrings__Postgres in the environment.");
            return 2;
        }
        if (context.Services.GetService<SqliteDb>() is not { } source)
        {
            await context.Error.WriteLineAsync("The copy reads this site's SQLite database, but Database:Provider is Postgres here: run it with the SQLite configuration (the default).");
            return 1;
        }
        try
        {
            var target = Target(connectionString, out var where);
            await using (target)
            {
                await CheckSourceAsync(source, context.CancellationToken);
                // Let go of the site's file as the check let go of its pooled connections.
                context.Services.GetService<SqliteReaders>()?.Drop();
                var copy = new SqliteToPostgres(source, target);
                await copy.RefuseContentAsync(context.CancellationToken);
                await DataSetup.PrepareAsync(source, _ => Task.CompletedTask, context.CancellationToken);
                await context.Output.WriteLineAsync($"Copying {SqliteFile(source)} to PostgreSQL {where}");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                IReadOnlyList<TableCopied> copied = [];
                // Migrating and copying under the nodes' migration lock: a node started too early waits.
                await DataSetup.PrepareAsync(target, async cancellationToken =>
                    copied = await WithProgressAsync(context, progress => copy.CopyAsync(progress, cancellationToken)), context.CancellationToken);
                await SummariseAsync(context, copied, clock.Elapsed, source);
                return 0;
            }
        }
        catch (Exception failure) when (Explain(failure) is { } reason)
        {
            await context.Error.WriteLineAsync(reason);
            return 1;
        }
    }

    // No command timeout: filling the search index of a big site takes longer than the default 30 s.
    private static PostgresDb Target(string connectionString, out string where)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException)
        {
            throw new CopyRefusedException($"The PostgreSQL connection string is not valid: {invalid.Message}");
        }
        where = $"'{builder.Database}' on {builder.Host}:{builder.Port}";
        return new PostgresDb(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(builder.ConnectionString).Options);
    }

    private static string SqliteFile(SqliteDb db) => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    // The source must be an existing Broadsheet site: checked before anything migrates (and so
    // creates) a database at a mistyped path.
    private static async Task CheckSourceAsync(SqliteDb source, CancellationToken cancellationToken)
    {
        var file = SqliteFile(source);
        if (!File.Exists(file))
        {
            throw new CopyRefusedException($"There is no SQLite site at {file}: set Broadsheet:DataDirectory (Broadsheet__DataDirectory) to the folder that holds broadsheet.db.");
        }
        await using (var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        {
            await probe.OpenAsync(cancellationToken);
            await using var command = probe.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Articles')";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 2)
            {
                throw new CopyRefusedException($"{file} is not a Broadsheet site's database; nothing was copied.");
            }
        }
        SqliteConnection.ClearAllPools();
        var unknown = (await source.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(source.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new CopyRefusedException($"{file} was last opened by a newer Broadsheet (migration {unknown[^1]}): copy it with that version.");
        }
    }

    // What the operator can act on; anything else is a bug and keeps its stack trace.
    private static string? Explain(Exception failure) => failure switch
    {
        CopyRefusedException refused => refused.Message,
        OperationCanceledException => "Cancelled; nothing was changed in PostgreSQL.",
        // EF wraps a failure to connect as "likely transient".
        InvalidOperationException { InnerException: NpgsqlException inner } => Explain(inner),
        PostgresException postgres => $"PostgreSQL refused: {postgres.MessageText} ({postgres.SqlState}){Where(postgres)}. Nothing was changed in PostgreSQL.",
        NpgsqlException unreachable => $"Cannot reach PostgreSQL: {unreachable.Message}{(unreachable.InnerException is { } inner ? $" ({inner.Message})" : "")}. Nothing was copied.",
        SqliteException sqlite => $"Cannot read the SQLite site: {sqlite.Message}",
        _ => null,
    };

    private static string Where(PostgresException postgres) =>
        postgres.TableName is { Length: > 0 } table ? $" in {table}" + (postgres.ColumnName is { Length: > 0 } column ? "." + column : "") : "";

    private static async Task<IReadOnlyList<TableCopied>> WithProgressAsync(Shared.CommandContext context,
        Func<IProgress<TableProgress>, Task<IReadOnlyList<TableCopied>>> copy)
    {
        if (!context.IsInteractive || Console.IsOutputRedirected)
        {
            return await copy(new Reported(p =>
            {
                if (p.Done == 0)
                {
                    context.Output.WriteLine(p.Table == SqliteToPostgres.Finishing ? $"  {p.Table}…" : $"  {p.Table}: {p.Total} rows");
                }
            }));
        }
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                return await copy(new Reported(p =>
                {
                    if (!bars.TryGetValue(p.Table, out var bar))
                    {
                        bars[p.Table] = bar = progress.AddTask(p.Table, maxValue: Math.Max(1, p.Total));
                    }
                    bar.Value = p.Total == 0 ? 1 : p.Done;
                }));
            });
    }

    // Reports on the copy's own thread, so lines never arrive after the summary.
    private sealed class Reported(Action<TableProgress> show) : IProgress<TableProgress>
    {
        public void Report(TableProgress value) => show(value);
    }

    private static async Task SummariseAsync(Shared.CommandContext context, IReadOnlyList<TableCopied> copied, TimeSpan took, SqliteDb source)
    {
        var output = context.Output;
        foreach (var table in copied)
        {
            var rows = table.Table == SqliteToPostgres.Finishing ? "" : FormattableString.Invariant($"{table.Rows,12:N0} rows");
            await output.WriteLineAsync(FormattableString.Invariant($"{table.Table,-24} {rows,17} {table.Time.TotalSeconds,8:F1} s"));
        }
        await output.WriteLineAsync(FormattableString.Invariant(
            $"Copied {copied.Sum(t => t.Rows):N0} rows in {copied.Count - 1} tables in {took.TotalSeconds:F1} s; verified: every table has as many rows in PostgreSQL as in SQLite."));
        var media = Path.Combine(Path.GetDirectoryName(SqliteFile(source))!, "media");
        await output.WriteLineAsync($"Uploaded files are not in the database: give the PostgreSQL nodes {media} (Broadsheet:DataDirectory on a shared path, or copy the folder).");
        await output.WriteLineAsync("Next: set Database__Provider=Postgres and ConnectionStrings__Postgres on every node, start them and check /readyz.");
    }
}
