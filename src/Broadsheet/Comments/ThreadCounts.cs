using System.Data.Common;
using System.Globalization;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace Broadsheet.Comments;

// Each article stores the two sizes of its thread (Article.ApprovedCommentCount, ThreadRootCount)
// so that no page counts comments. They are always recounted from the comments, never moved by
// +1/-1, in the same transaction as the write: BroadsheetDb recounts the articles of the comments
// a save changes, and bulk statements (moderation, imports) call RecountAsync themselves.
public static class ThreadCounts
{
    // Enough ids for one statement on either database, few enough to stay far below their limits.
    private const int Chunk = 500;

    private const string Approved = nameof(CommentStatus.Approved);

    // A root is an approved comment with no approved parent (CommentPageQueries.ThreadRoots).
    private const string Counts = $"""
        "ApprovedCommentCount" = (SELECT count(*) FROM "Comments" AS c
            WHERE c."ArticleId" = "Articles"."Id" AND c."Status" = '{Approved}'),
        "ThreadRootCount" = (SELECT count(*) FROM "Comments" AS c LEFT JOIN "Comments" AS p ON p."Id" = c."ParentId"
            WHERE c."ArticleId" = "Articles"."Id" AND c."Status" = '{Approved}'
              AND (c."ParentId" IS NULL OR p."Status" IS NULL OR p."Status" <> '{Approved}'))
        """;

    // Every article with approved comments at once, in one pass over them (both databases take
    // UPDATE … FROM), for sites written without the app: the bench generator.
    public const string RecountAllSql = $"""
        UPDATE "Articles" SET "ApprovedCommentCount" = s."Approved", "ThreadRootCount" = s."Roots"
        FROM (SELECT c."ArticleId", count(*) AS "Approved",
                     sum(CASE WHEN c."ParentId" IS NULL OR p."Status" IS NULL OR p."Status" <> '{Approved}' THEN 1 ELSE 0 END) AS "Roots"
              FROM "Comments" AS c LEFT JOIN "Comments" AS p ON p."Id" = c."ParentId"
              WHERE c."Status" = '{Approved}'
              GROUP BY c."ArticleId") AS s
        WHERE "Articles"."Id" = s."ArticleId"
        """;

    // The comments a save is about to write that can change a count, with the articles they
    // belonged to before it (a comment moved to another article changes both). Null when none.
    public static Pending? Watch(ChangeTracker changes)
    {
        Pending? pending = null;
        foreach (var entry in changes.Entries<Comment>())
        {
            var matters = entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && (entry.Property(c => c.Status).IsModified
                    || entry.Property(c => c.ParentId).IsModified || entry.Property(c => c.ArticleId).IsModified));
            if (matters)
            {
                pending ??= new Pending();
                pending.Comments.Add(entry.Entity);
                if (entry.State != EntityState.Added)
                {
                    pending.ArticleIds.Add(entry.Property(c => c.ArticleId).OriginalValue);
                }
            }
        }
        return pending;
    }

    public sealed class Pending
    {
        internal List<Comment> Comments { get; } = [];
        internal HashSet<int> ArticleIds { get; } = [];

        // After the save has accepted its changes: only then do new comments of new articles hold
        // their article's id (until then EF keeps the generated key aside).
        public IReadOnlyCollection<int> Articles => [.. ArticleIds.Union(Comments.Select(c => c.ArticleId))];
    }

    public static async Task RecountAsync(BroadsheetDb db, IEnumerable<int> articleIds, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var chunk in articleIds.Distinct().Chunk(Chunk))
            {
                await using var command = Command(db, chunk);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static void Recount(BroadsheetDb db, IEnumerable<int> articleIds)
    {
        db.Database.OpenConnection();
        try
        {
            foreach (var chunk in articleIds.Distinct().Chunk(Chunk))
            {
                using var command = Command(db, chunk);
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    // Straight on the connection, inside the caller's transaction: the cache eviction watches EF's
    // own commands, and would take this for a bulk statement and evict every page, when the save
    // that caused it already evicts exactly these articles' pages and the lists.
    private static DbCommand Command(BroadsheetDb db, int[] articleIds)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = new string[articleIds.Length];
        for (var i = 0; i < articleIds.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i] = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = articleIds[i];
            command.Parameters.Add(parameter);
        }
#pragma warning disable CA2100 // Only our own constants and parameter names are written into it; every id is a parameter.
        command.CommandText = $"UPDATE \"Articles\" SET {Counts} WHERE \"Id\" IN ({string.Join(", ", names)})";
#pragma warning restore CA2100
        return command;
    }
}
