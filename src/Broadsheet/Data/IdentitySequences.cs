using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// Imports keep old numbers as ids (a WordPress comment stays #comment-N), and the SQLite →
// PostgreSQL copy keeps every id. SQLite then hands out max(id) + 1 by itself, but PostgreSQL's
// identity sequences do not see explicit ids: without this, the next comment a reader posts would
// collide with an imported one. Every table with a numeric key is caught up, read from the model.
public static class IdentitySequences
{
    public static async Task CatchUpAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        if (db is not PostgresDb)
        {
            return;
        }
        var keys = db.Model.GetRelationalModel().Tables
            .Where(t => t.PrimaryKey is { Columns: [{ ProviderClrType: var type }] } && (type == typeof(int) || type == typeof(long)))
            .Select(t => (Table: t.Name, Column: t.PrimaryKey!.Columns[0].Name));
        foreach (var (table, column) in keys)
        {
            // Names come from the model, never from input. A key without a sequence is skipped.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"""
                SELECT setval(s::regclass, coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)
                FROM pg_get_serial_sequence('"{table}"', '{column}') AS s WHERE s IS NOT NULL
                """,
                cancellationToken);
#pragma warning restore EF1002
        }
    }
}
