using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Comments;

// An article's thread in pages, as WordPress's comment-page-N: a page holds CommentsPerPage thread
// roots (oldest first) with all their replies, page 1 is the oldest and the last page is the
// newest. A root is an approved comment with no shown parent: a top-level comment, or a reply whose
// parent is no longer approved (CommentThread shows those at the top too). Only one page's roots
// and their replies are read, never the whole thread.
public sealed class CommentPages(BroadsheetDb db)
{
    // Imported threads may nest deeper than the thread depth shows; this bounds the descent.
    private const int MaxLevels = 100;

    public sealed record Page(int Number, int Count, IReadOnlyList<Comment> Comments)
    {
        public bool IsLast => Number == Count;
    }

    public async Task<int> CountAsync(int articleId, int perPage, CancellationToken cancellationToken)
    {
        var roots = await db.Comments.ThreadRoots(articleId).CountAsync(cancellationToken);
        return Math.Max(1, (roots + perPage - 1) / perPage);
    }

    // The page's comments oldest first, with the browser's own comments awaiting moderation: its
    // replies in place, its new top-level comments on the last page, where they will land.
    public async Task<Page> LoadAsync(int articleId, int number, int count, int perPage, string? browser,
        CancellationToken cancellationToken)
    {
        var comments = await db.Comments.AsNoTracking().ThreadRoots(articleId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((number - 1) * perPage).Take(perPage)
            .ToListAsync(cancellationToken);
        if (number == count && browser is not null)
        {
            comments.AddRange(await db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == articleId && c.ParentId == null && c.Status == CommentStatus.Pending && c.BrowserTokenHash == browser)
                .ToListAsync(cancellationToken));
        }
        var frontier = comments.Select(c => c.Id).ToList();
        for (var level = 0; level < MaxLevels && frontier.Count > 0; level++)
        {
            var replies = await db.Comments.AsNoTracking()
                .Where(c => c.ParentId != null && frontier.Contains(c.ParentId.Value)
                    && (c.Status == CommentStatus.Approved
                        || (browser != null && c.Status == CommentStatus.Pending && c.BrowserTokenHash == browser)))
                .ToListAsync(cancellationToken);
            comments.AddRange(replies);
            frontier = [.. replies.Select(c => c.Id)];
        }
        return new Page(number, count,
            [.. comments.DistinctBy(c => c.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)]);
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
