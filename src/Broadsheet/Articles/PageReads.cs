using System.Data.Common;
using System.Globalization;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Broadsheet.Articles;

// The reads every view of a reader page makes (the article, its comment page, its related reading
// and neighbours, the old-address lookup) go to the provider's own reader instead of through EF:
// their SQL is fixed, and EF's parameter extraction and shaping cost more than running them. The SQL is
// written for SQLite and PostgreSQL alike; values are always parameters, @p0, @p1, … in order.
internal static class PageReads
{
    // On SQLite outside a transaction the statement is prepared once per kept connection
    // (SqliteReaders); a read inside a transaction must see that transaction's writes, so it, and
    // every read on PostgreSQL, runs on the context's own connection.
    public static Task<List<T>> ListAsync<T>(BroadsheetDb db, string sql, object?[] values, Func<DbDataReader, T> row,
        CancellationToken cancellationToken) =>
        db is SqliteDb { Readers: { } readers } sqlite && (!sqlite.HasUsedTransaction || db.Database.CurrentTransaction is null)
            ? readers.ListAsync(sql, values, row, cancellationToken)
            : OnContextAsync(db, sql, values, row, cancellationToken);

    // A read that asks for no context: on SQLite the kept connections answer it and none is made (a
    // request that needs none, such as a static file passing the old-address lookup, then costs
    // none); on PostgreSQL it goes through the request's context. Only for reads outside any
    // transaction: the kept connections see committed rows alone.
    public static Task<List<T>> ListAsync<T>(IServiceProvider services, string sql, object?[] values, Func<DbDataReader, T> row,
        CancellationToken cancellationToken) =>
        services.GetService<SqliteReaders>() is { } readers
            ? readers.ListAsync(sql, values, row, cancellationToken)
            : ListAsync(services.GetRequiredService<BroadsheetDb>(), sql, values, row, cancellationToken);

    // Where the reads go through the context, one connection for a page's few reads rather than
    // one opened (and set up) per read; the kept SQLite connections need none.
    public static async Task HoldConnectionAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        if (db is not SqliteDb { Readers: not null })
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
    }

    private static async Task<List<T>> OnContextAsync<T>(BroadsheetDb db, string sql, object?[] values, Func<DbDataReader, T> row,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i] ?? DBNull.Value;
                if (values[i] is null)
                {
                    parameter.DbType = System.Data.DbType.String; // only text parameters may be null here
                }
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(row(reader));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? NullableInt32(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    // Every time is stored as UTC (BroadsheetDb's converter); SQLite's reader does not say so.
    public static DateTime UtcDateTime(this DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.ReadTime(ordinal), DateTimeKind.Utc);
}
