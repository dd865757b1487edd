using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Data;

// Several nodes may start at the same moment on one PostgreSQL database: each takes the same
// session-level advisory lock before migrating, so exactly one applies the migrations and the
// others find nothing left to do. (Operators who migrate before deploying use `migrate`.)
internal static class PostgresMigration
{
    // Any constant shared by all nodes; "Broadsheet" in ASCII.
    private const long LockKey = 0x42726f6164736865;

    public static async Task UnderLockAsync(BroadsheetDb db, Func<Task> work, CancellationToken cancellationToken)
    {
        // One connection for lock, migration and unlock: advisory locks belong to a session.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
