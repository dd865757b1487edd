using System.Data.Common;
using System.Diagnostics;
using Broadsheet.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

#pragma warning disable EF1002 // Table and column names come from the EF model, never from input; there are no values in this SQL.

namespace Broadsheet.Data;

// Copies a SQLite site into a migrated, empty PostgreSQL database: every table of the model, keys
// and values as they are, read from one SQLite snapshot and written in one PostgreSQL transaction
// (all or nothing). Rows stream through binary COPY, so memory stays flat for a million comments.
public sealed class SqliteToPostgres(SqliteDb source, PostgresDb target)
{
    // The last step, after the tables: on a big site, mostly the search index being built.
    public const string Finishing = "Search index and checks";

    // How often a table's progress is reported, in rows.
    private const int Batch = 5_000;

    // The design-time model: only it still knows the rows that migrations seed.
    private IReadOnlyList<CopyTable> Plan() => CopyTable.InForeignKeyOrder(
        source.GetService<IDesignTimeModel>().Model, target.GetService<IDesignTimeModel>().Model);

    public async Task<IReadOnlyList<TableCopied>> CopyAsync(IProgress<TableProgress> progress, CancellationToken cancellationToken)
    {
        var tables = Plan();
        await source.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A deferred read transaction on WAL: every table is read as of the same moment.
            await using var snapshot = ((SqliteConnection)source.Database.GetDbConnection()).BeginTransaction(deferred: true);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                counts[table.Name] = await CountAsync(source.Database.GetDbConnection(), snapshot, table.Name, cancellationToken);
            }
            await RefuseContentAsync(tables, cancellationToken);
            await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
            await PrepareTargetAsync(tables, cancellationToken);
            var copied = new List<TableCopied>();
            foreach (var table in tables)
            {
                progress.Report(new TableProgress(table.Name, 0, counts[table.Name]));
                var clock = Stopwatch.StartNew();
                var rows = await CopyRowsAsync(table, snapshot, done => progress.Report(new TableProgress(table.Name, done, counts[table.Name])), cancellationToken);
                copied.Add(new TableCopied(table.Name, rows, clock.Elapsed));
            }
            progress.Report(new TableProgress(Finishing, 0, 1));
            var finishing = Stopwatch.StartNew();
            await FinishTargetAsync(tables, cancellationToken);
            await VerifyAsync(tables, counts, cancellationToken);
            progress.Report(new TableProgress(Finishing, 1, 1));
            copied.Add(new TableCopied(Finishing, 0, finishing.Elapsed));
            await transaction.CommitAsync(cancellationToken);
            return copied;
        }
        finally
        {
            await source.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Called before migrating the target too: a database that holds a site is left as it was.
    public async Task RefuseContentAsync(CancellationToken cancellationToken)
    {
        await target.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await RefuseContentAsync(Plan(), cancellationToken);
        }
        finally
        {
            await target.Database.CloseConnectionAsync();
        }
    }

    // Migrations may seed rows (the staff roles); anything beyond them is someone's content.
    private async Task RefuseContentAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        var occupied = new List<string>();
        foreach (var table in tables)
        {
            var exists = await target.Database.SqlQuery<bool>($"SELECT to_regclass({"\"" + table.Name + "\""}) IS NOT NULL AS \"Value\"")
                .SingleAsync(cancellationToken);
            var rows = exists ? await CountAsync(target.Database.GetDbConnection(), null, table.Name, cancellationToken) : 0;
            if (rows > table.SeedRows)
            {
                occupied.Add($"{table.Name} ({rows} rows)");
            }
        }
        if (occupied.Count > 0)
        {
            throw new CopyRefusedException(
                $"The PostgreSQL database already holds content: {string.Join(", ", occupied)}. Copy into a new, empty database; nothing was changed.");
        }
    }

    // Inside the transaction, so a failed copy leaves the target exactly as it was.
    private async Task PrepareTargetAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables.Reverse().Where(t => t.SeedRows > 0))
        {
            await target.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table.Name}\"", cancellationToken);
        }
        foreach (var table in tables)
        {
            foreach (var constraint in table.DeferredForeignKeys)
            {
                await target.Database.ExecuteSqlRawAsync(
                    $"ALTER TABLE \"{table.Name}\" ALTER CONSTRAINT \"{constraint}\" DEFERRABLE INITIALLY DEFERRED", cancellationToken);
            }
            // Our own triggers only feed derived data (the search index), rebuilt once at the end
            // instead of once per row; foreign-key checks are system triggers and stay on.
            await target.Database.ExecuteSqlRawAsync($"ALTER TABLE \"{table.Name}\" DISABLE TRIGGER USER", cancellationToken);
        }
    }

    private async Task<long> CopyRowsAsync(CopyTable table, DbTransaction snapshot, Action<long> reportDone, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        var order = table.KeyColumns.Count > 0 ? " ORDER BY " + string.Join(", ", table.KeyColumns.Select(c => $"\"{c}\"")) : "";
        await using var read = source.Database.GetDbConnection().CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {columns} FROM \"{table.Name}\"{order}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(table.Columns[i].ToTarget(table.Columns[i].Read(reader, i)), cancellationToken);
                }
            }
            if (++rows % Batch == 0)
            {
                reportDone(rows);
            }
        }
        await writer.CompleteAsync(cancellationToken);
        if (rows % Batch != 0)
        {
            reportDone(rows);
        }
        return rows;
    }

    private async Task FinishTargetAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        // Checks the deferred keys now, so that a broken reference fails here with its name.
        await target.Database.ExecuteSqlRawAsync("SET CONSTRAINTS ALL IMMEDIATE", cancellationToken);
        foreach (var table in tables)
        {
            foreach (var constraint in table.DeferredForeignKeys)
            {
                await target.Database.ExecuteSqlRawAsync(
                    $"ALTER TABLE \"{table.Name}\" ALTER CONSTRAINT \"{constraint}\" NOT DEFERRABLE", cancellationToken);
            }
            await target.Database.ExecuteSqlRawAsync($"ALTER TABLE \"{table.Name}\" ENABLE TRIGGER USER", cancellationToken);
        }
        await PostgresTextSearch.RefillAsync(target.Database, cancellationToken);
        await IdentitySequences.CatchUpAsync(target, cancellationToken);
    }

    private async Task VerifyAsync(IReadOnlyList<CopyTable> tables, Dictionary<string, long> expected, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var rows = await CountAsync(target.Database.GetDbConnection(), null, table.Name, cancellationToken);
            if (rows != expected[table.Name])
            {
                throw new CopyRefusedException($"{table.Name} has {rows} rows in PostgreSQL but {expected[table.Name]} in SQLite; nothing was changed.");
            }
        }
    }
}

public sealed record TableProgress(string Table, long Done, long Total);

public sealed record TableCopied(string Table, long Rows, TimeSpan Time);

// A copy that cannot go ahead, for a reason the operator can act on; the message says which.
public sealed class CopyRefusedException(string message) : Exception(message);
