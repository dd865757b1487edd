using Broadsheet.Articles;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Comments;

// An article's thread in pages, as WordPress's comment-page-N: a page holds CommentsPerPage thread
// roots (oldest first) with all their replies, page 1 is the oldest and the last page is the
// newest. A root is an approved comment with no shown parent: a top-level comment, or a reply whose
// parent is no longer approved (CommentThread shows those at the top too). Only one page's roots
// and their replies are read, never the whole thread, in one query.
public sealed class CommentPages(BroadsheetDb db)
{
    // Imported threads may nest deeper than the thread depth shows; this bounds the descent.
    private const int MaxLevels = 100;

    public sealed record Page(int Number, int Count, IReadOnlyList<Comment> Comments)
    {
        public bool IsLast => Number == Count;
    }

    public static int PageCount(int roots, int perPage) => Math.Max(1, (roots + perPage - 1) / perPage);

    public async Task<int> CountAsync(int articleId, int perPage, CancellationToken cancellationToken) =>
        PageCount(await RootCount.For(db)(db, articleId, cancellationToken), perPage);

    // The article's stored count of roots (ThreadCounts keeps it); 0 for an article that is gone.
    private static readonly PerModel<Func<BroadsheetDb, int, CancellationToken, Task<int>>> RootCount = new(() =>
        EF.CompileAsyncQuery((BroadsheetDb db, int articleId, CancellationToken cancellationToken) =>
            db.Articles.Where(a => a.Id == articleId).Select(a => a.ThreadRootCount).FirstOrDefault()));

    public async Task<Page> LoadAsync(int articleId, int number, int count, int perPage, string? browser,
        CancellationToken cancellationToken) =>
        await LoadAsync(articleId, number, new Thread(await RootCount.For(db)(db, articleId, cancellationToken), perPage), browser, cancellationToken);

    // The thread's size, which the article's own query reads (ArticlePageQueries): it says how many
    // pages there are and where a page's roots start, counted from either end.
    public sealed record Thread(int Roots, int PerPage)
    {
        public int PageCount => CommentPages.PageCount(Roots, PerPage);
    }

    // The page's comments oldest first, with the browser's own comments awaiting moderation: its
    // replies in place, its new top-level comments on the last page, where they will land.
    public async Task<Page> LoadAsync(int articleId, int number, Thread thread, string? browser, CancellationToken cancellationToken)
    {
        var count = thread.PageCount;
        var first = (number - 1) * thread.PerPage;
        var take = Math.Max(0, Math.Min(thread.PerPage, thread.Roots - first));
        var after = Math.Max(0, thread.Roots - first - take);
        // Seek from the nearer end: the newest page (the article's own address) and page 1 read
        // only their own roots, however long the thread; OFFSET would walk every older root.
        var fromNewest = after < first;
        var comments = await PageReads.ListAsync(db, fromNewest ? NewestFirstSql : OldestFirstSql,
            [articleId, take, fromNewest ? after : first, number == count ? browser : null, browser], static reader => new Comment
            {
                Id = reader.GetInt32(0), ParentId = reader.IsDBNull(1) ? null : reader.GetInt32(1), AuthorName = reader.GetString(2),
                AuthorEmail = "", AuthorUrl = reader.NullableString(3), Content = reader.GetString(4),
                Status = reader.GetBoolean(5) ? CommentStatus.Approved : CommentStatus.Pending,
                CreatedAt = reader.TryReadTime(6) ?? UnreadableTime,
                IsStaffReply = reader.GetBoolean(7), RenderedHtml = reader.NullableString(8), ContentHtml = reader.NullableString(9),
            }, cancellationToken);
        comments.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id));
        return new Page(number, count, comments);
    }

    // A comment whose stored time an outside tool left unreadable is still shown, dated at the
    // start of the Unix epoch, rather than failing the page for all its other comments.
    private static readonly DateTime UnreadableTime = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Unspecified);

    // LINQ has no recursion: the page's roots, this browser's held top-level comments (last page
    // only: @p3 is null elsewhere) and every shown reply below them, walked by a recursive CTE in
    // one round trip, on SQLite and PostgreSQL alike; every value is a parameter (@pN), and only
    // our own constants (sort direction, status names, depth) are written in. Every comment shown
    // is approved or pending, so the status comes back as whether it is approved.
    private static readonly string OldestFirstSql = ThreadSql("ASC"), NewestFirstSql = ThreadSql("DESC");

    private static string ThreadSql(string direction)
    {
        const string Approved = nameof(CommentStatus.Approved), Pending = nameof(CommentStatus.Pending);
        return $$"""
            WITH RECURSIVE "PageRoots" AS (
                SELECT c."Id" FROM "Comments" AS c LEFT JOIN "Comments" AS p ON p."Id" = c."ParentId"
                WHERE c."ArticleId" = @p0 AND c."Status" = '{{Approved}}'
                  AND (c."ParentId" IS NULL OR p."Status" IS NULL OR p."Status" <> '{{Approved}}')
                ORDER BY c."CreatedAt" {{direction}}, c."Id" {{direction}} LIMIT @p1 OFFSET @p2
            ), "Starts" AS (
                SELECT "Id" FROM "PageRoots"
                UNION ALL
                SELECT c."Id" FROM "Comments" AS c
                WHERE c."ArticleId" = @p0 AND c."ParentId" IS NULL AND c."Status" = '{{Pending}}' AND c."BrowserTokenHash" = @p3
            ), "Shown"("Id", "Level") AS (
                SELECT "Id", 0 FROM "Starts"
                UNION ALL
                SELECT c."Id", s."Level" + 1 FROM "Shown" AS s JOIN "Comments" AS c ON c."ParentId" = s."Id"
                WHERE s."Level" < {{MaxLevels}} AND (c."Status" = '{{Approved}}' OR (c."Status" = '{{Pending}}' AND c."BrowserTokenHash" = @p4))
            )
            SELECT c."Id", c."ParentId", c."AuthorName", c."AuthorUrl", c."Content", c."Status" = '{{Approved}}', c."CreatedAt", c."IsStaffReply",
                   c."RenderedHtml", CASE WHEN c."RenderedHtml" IS NULL THEN c."ContentHtml" END
            FROM "Comments" AS c WHERE c."Id" IN (SELECT "Id" FROM "Shown")
            """;
    }

    // The page that shows a comment: its root's page, or the last page for a new top-level
    // comment awaiting moderation. Null when the article shows it nowhere (spam, trash).
    public async Task<int?> PageOfAsync(int articleId, int commentId, int perPage, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.ArticleId == articleId, cancellationToken);
        for (var level = 0; comment is not null && level < MaxLevels; level++)
        {
            if (comment.Status is not (CommentStatus.Approved or CommentStatus.Pending))
            {
                return null;
            }
            var parent = comment.ParentId is { } parentId
                ? await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId, cancellationToken) : null;
            if (comment.IsApproved && parent is not { IsApproved: true })
            {
                var before = await db.Comments.ThreadRoots(articleId)
                    .CountAsync(c => c.CreatedAt < comment.CreatedAt || (c.CreatedAt == comment.CreatedAt && c.Id < comment.Id), cancellationToken);
                return before / perPage + 1;
            }
            if (parent is null)
            {
                return await CountAsync(articleId, perPage, cancellationToken);
            }
            comment = parent;
        }
        return null;
    }
}

public static class CommentPageQueries
{
    // Served by the (ArticleId, Status, CreatedAt) index, in page order; the parent is one key lookup.
    public static IQueryable<Comment> ThreadRoots(this IQueryable<Comment> comments, int articleId) =>
        comments.Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved
            && (c.ParentId == null || c.Parent!.Status != CommentStatus.Approved));
}
