using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// Imports keep old numbers as ids (a WordPress comment stays #comment-N). SQLite then hands out
// max(id) + 1 by itself, but PostgreSQL's identity sequences do not see explicit ids: without
// this, the next comment a reader posts would collide with an imported one.
public static class IdentitySequences
{
    private static readonly string[] Tables = ["Articles", "Authors", "Categories", "Tags", "Comments"];

    public static async Task CatchUpAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        if (db is not PostgresDb)
        {
            return;
        }
        foreach (var table in Tables)
        {
            // Table names are the constants above, never input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT max(\"Id\") FROM \"{table}\"), 1))",
                cancellationToken);
#pragma warning restore EF1002
        }
    }
}
