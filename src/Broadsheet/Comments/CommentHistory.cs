using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Comments;

// What the stored comments say about the commenters of one batch, read in a few queries for the
// whole batch rather than several per comment: which articles and parents exist, which words each
// commenter already said where (duplicates), their latest comments (flood), and which emails
// already have an approved comment (the first-time rule). Each query is an index lookup by email,
// IP address or id, so its cost follows the batch, not the size of the site.
internal sealed record CommentHistory(
    HashSet<int> Articles,
    HashSet<(int ParentId, int ArticleId)> OpenParents,
    HashSet<CommentHistory.Words> Said,
    HashSet<string> KnownEmails,
    Dictionary<string, DateTime> LatestByEmail,
    Dictionary<string, DateTime> LatestByIp)
{
    public static readonly CommentHistory Empty = new([], [], [], [], [], []);

    // As WordPress's duplicate rule: same commenter, same article, same parent, same words.
    public sealed record Words(string Email, int ArticleId, int? ParentId, string Content);

    public static Words WordsOf(Comment c) => new(c.AuthorEmail, c.ArticleId, c.ParentId, c.Content);

    // floodSince: null when the flood check is off.
    public static async Task<CommentHistory> LoadAsync(BroadsheetDb db, IReadOnlyList<CommentWriter.Submission> batch,
        DateTime? floodSince, CancellationToken cancellationToken)
    {
        var articleIds = batch.Select(s => s.ArticleId).Distinct().ToList();
        var parentIds = batch.Where(s => s.Form.ParentId is not null).Select(s => s.Form.ParentId!.Value).Distinct().ToList();
        var emails = batch.Select(s => s.Form.NormalizedEmail).Distinct().ToList();
        var contents = batch.Select(s => s.Form.TrimmedComment).Distinct().ToList();

        var articles = await db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var parents = parentIds.Count == 0 ? [] : await db.Comments
            .Where(c => parentIds.Contains(c.Id) && c.Status == CommentStatus.Approved)
            .Select(c => new { c.Id, c.ArticleId }).ToListAsync(cancellationToken);
        // Trash does not count as said; approved comments make their email known.
        var mine = await db.Comments
            .Where(c => emails.Contains(c.AuthorEmail)
                && ((contents.Contains(c.Content) && c.Status != CommentStatus.Trash) || c.Status == CommentStatus.Approved))
            .Select(c => new { c.AuthorEmail, c.ArticleId, c.ParentId, Content = contents.Contains(c.Content) ? c.Content : null, c.Status })
            .ToListAsync(cancellationToken);
        var history = new CommentHistory([.. articles], [.. parents.Select(p => (p.Id, p.ArticleId))],
            [.. mine.Where(c => c.Content is not null && c.Status != CommentStatus.Trash).Select(c => new Words(c.AuthorEmail, c.ArticleId, c.ParentId, c.Content!))],
            [.. mine.Where(c => c.Status == CommentStatus.Approved).Select(c => c.AuthorEmail)], [], []);
        if (floodSince is { } since)
        {
            await history.LoadLatestAsync(db, batch, emails, since, cancellationToken);
        }
        return history;
    }

    private async Task LoadLatestAsync(BroadsheetDb db, IReadOnlyList<CommentWriter.Submission> batch, List<string> emails,
        DateTime since, CancellationToken cancellationToken)
    {
        var ips = batch.Where(s => s.Sender.IpAddress is not null).Select(s => s.Sender.IpAddress!).Distinct().ToList();
        var recent = await db.Comments
            .Where(c => c.CreatedAt > since && (emails.Contains(c.AuthorEmail) || (c.IpAddress != null && ips.Contains(c.IpAddress))))
            .Select(c => new { c.AuthorEmail, c.IpAddress, c.CreatedAt })
            .ToListAsync(cancellationToken);
        foreach (var c in recent)
        {
            Later(LatestByEmail, c.AuthorEmail, c.CreatedAt);
            if (c.IpAddress is not null)
            {
                Later(LatestByIp, c.IpAddress, c.CreatedAt);
            }
        }
    }

    private static void Later(Dictionary<string, DateTime> latest, string key, DateTime at)
    {
        if (!latest.TryGetValue(key, out var known) || at > known)
        {
            latest[key] = at;
        }
    }
}
