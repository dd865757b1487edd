using Broadsheet.Admin.Audit;
using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Comments;

// What moderators do to comments, one or many at once: approve, unapprove, spam, trash, delete
// forever; and the purge of spam and trash left for 30 days. Each is a single UPDATE or DELETE.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The newsroom's word for it, not a collection type.")]
public sealed class ModerationQueue(BroadsheetDb db, TimeProvider time, AuditLog audit)
{
    public static readonly TimeSpan PurgeAfter = TimeSpan.FromDays(30);

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["approve"] = "Approve",
        ["unapprove"] = "Unapprove",
        ["spam"] = "Spam",
        ["trash"] = "Trash",
        ["delete"] = "Delete forever",
    };

    // The number of comments changed; null for an unknown action.
    public async Task<int?> ApplyAsync(string action, IReadOnlyCollection<int> ids, string who, CancellationToken cancellationToken)
    {
        CommentStatus? status = action switch
        {
            "approve" => CommentStatus.Approved,
            "unapprove" => CommentStatus.Pending,
            "spam" => CommentStatus.Spam,
            "trash" => CommentStatus.Trash,
            _ => null,
        };
        if (status is null && action != "delete")
        {
            return null;
        }
        var changed = status is { } newStatus
            ? await SetStatusAsync(ids, newStatus, cancellationToken)
            : await DeleteAsync(db.Comments.Where(c => ids.Contains(c.Id)), cancellationToken);
        if (changed > 0)
        {
            await audit.RecordAsync(who, $"comment.{action}", $"comments {string.Join(", ", ids.Order())}", cancellationToken);
        }
        return changed;
    }

    // A status change moves the articles' counts, and their replies' root status with it.
    private async Task<int> SetStatusAsync(IReadOnlyCollection<int> ids, CommentStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var articles = await db.Comments.Where(c => ids.Contains(c.Id)).Select(c => c.ArticleId).Distinct().ToListAsync(cancellationToken);
        var changed = await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, status).SetProperty(c => c.ModeratedAt, now), cancellationToken);
        await ThreadCounts.RecountAsync(db, articles, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - PurgeAfter;
        return DeleteAsync(db.Comments.Where(c => (c.Status == CommentStatus.Spam || c.Status == CommentStatus.Trash)
            && (c.ModeratedAt ?? c.CreatedAt) < before), cancellationToken);
    }

    // Replies outlive a deleted comment: they move up to its parent, as WordPress does.
    private async Task<int> DeleteAsync(IQueryable<Comment> doomed, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var parents = await doomed.Select(c => new { c.Id, c.ParentId, c.ArticleId }).ToListAsync(cancellationToken);
        var ids = parents.Select(p => p.Id).ToList();
        foreach (var parent in parents)
        {
            await db.Comments.Where(c => c.ParentId == parent.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ParentId, parent.ParentId), cancellationToken);
        }
        // When a parent is deleted too, anything still pointing into the set goes to the top level.
        await db.Comments.Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ParentId, (int?)null), cancellationToken);
        var deleted = await db.Comments.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        // Even a spam or trash comment's going moves its replies, and may make them roots or not.
        await ThreadCounts.RecountAsync(db, parents.Select(p => p.ArticleId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
