using System.Data;
using System.Data.Common;
using System.Globalization;
using Broadsheet.Caching;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Broadsheet.Comments;

// Stores the new comments of one group commit with one prepared INSERT, run once per comment on
// the batch's own transaction, instead of SaveChanges: EF's change tracking and its SQL made anew
// for every batch cost more than all the rest of the writer's work. What a save does besides is
// done here too: the HTML was made before the batch (CommentIntake), the thread counts are
// recounted in the same transaction, and the cache eviction drops the articles' pages and the
// lists once the transaction commits.
internal static class CommentInsert
{
    private const string Sql = """
        INSERT INTO "Comments" ("ArticleId", "ParentId", "AuthorName", "AuthorEmail", "AuthorUrl", "Content", "Status",
            "CreatedAt", "IpAddress", "UserAgent", "HeldReason", "BrowserTokenHash", "RenderedHtml", "IsStaffReply")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
        RETURNING "Id"
        """;

    // The columns' types, so that a null is typed for PostgreSQL; null: taken from the value
    // (CreatedAt, a UTC time: PostgreSQL's timestamptz, SQLite's text as EF writes it).
    private static readonly DbType?[] Types =
    [
        DbType.Int32, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String,
        null, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Boolean,
    ];

    // Must run inside the caller's transaction: the comments, their counts and the eviction stand or fall together.
    public static async Task StoreAsync(BroadsheetDb db, IReadOnlyList<Comment> comments, CacheEviction eviction,
        CancellationToken cancellationToken)
    {
        if (comments.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("New comments are stored inside a transaction.");
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = Sql;
            command.Transaction = transaction.GetDbTransaction();
            var parameters = new DbParameter[Types.Length];
            for (var i = 0; i < Types.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                if (Types[i] is { } type)
                {
                    parameters[i].DbType = type;
                }
                command.Parameters.Add(parameters[i]);
            }
            foreach (var comment in comments)
            {
                Bind(parameters, comment);
                comment.Id = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }
        }
        var articleIds = comments.Select(c => c.ArticleId).Distinct().ToList();
        await ThreadCounts.RecountAsync(db, articleIds, cancellationToken);
        eviction.Written(db, [.. comments.Where(c => !CacheEviction.IsHidden(c, EntityState.Added)).Select(c => c.ArticleId).Distinct()]);
    }

    private static void Bind(DbParameter[] parameters, Comment c)
    {
        object?[] values =
        [
            c.ArticleId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.Content, c.Status.ToString(),
            c.CreatedAt, c.IpAddress, c.UserAgent, c.HeldReason, c.BrowserTokenHash, c.RenderedHtml, c.IsStaffReply,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
