using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// Every comment of an item, whatever its status, with its thread. A comment keeps its WordPress
// number as its id when that id is free, so old "#comment-N" and "?replytocom=N" links land on
// it as they are; otherwise Comment.WordPressId maps the old number (see LegacyRedirects).
internal sealed partial class ImportSession
{
    private async Task AddCommentsAsync(Article article, WxrItem item, CancellationToken cancellationToken)
    {
        if (item.Comments.Count == 0)
        {
            return;
        }
        var numbers = item.Comments.Select(c => c.Id).ToList();
        var existing = await db.Comments.Where(c => c.WordPressId != null && numbers.Contains(c.WordPressId.Value))
            .ToDictionaryAsync(c => c.WordPressId!.Value, cancellationToken);
        var takenIds = await db.Comments.Where(c => numbers.Contains(c.Id)).Select(c => c.Id).ToHashSetAsync(cancellationToken);
        var byNumber = new Dictionary<long, Comment>();
        foreach (var wxr in item.Comments)
        {
            var comment = existing.GetValueOrDefault(wxr.Id);
            if (comment is null)
            {
                comment = new Comment { AuthorName = "", AuthorEmail = "", Content = "", ArticleId = article.Id };
                comment.Id = wxr.Id <= int.MaxValue && !takenIds.Contains((int)wxr.Id)
                    ? (int)wxr.Id : await NextFreeCommentIdAsync(cancellationToken);
                db.Comments.Add(comment);
                report.CommentsAdded++;
            }
            else
            {
                report.CommentsUpdated++;
            }
            Fill(comment, wxr, article);
            byNumber[wxr.Id] = comment;
        }
        // Parents are linked once the whole item is read: a reply may come before its parent.
        foreach (var wxr in item.Comments)
        {
            var parent = wxr.Parent != 0 ? byNumber.GetValueOrDefault(wxr.Parent) : null;
            var comment = byNumber[wxr.Id];
            if (parent is null || IsAncestor(comment, parent, byNumber))
            {
                comment.Parent = null;
                comment.ParentId = null;
            }
            else
            {
                comment.Parent = parent;
            }
        }
    }

    // Ids are all chosen here, never by the database, so that a generated id cannot take the
    // number a later comment of the file keeps: the ones given out lie above every number in it.
    private async Task<int> NextFreeCommentIdAsync(CancellationToken cancellationToken)
    {
        if (_nextCommentId == 0)
        {
            var highest = await db.Comments.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
            _nextCommentId = (int)Math.Min(int.MaxValue - 1, Math.Max(highest, scan.MaxCommentId)) + 1;
        }
        return _nextCommentId++;
    }

    // A parent loop (only a damaged export has one) would hide the whole loop from the thread.
    private static bool IsAncestor(Comment comment, Comment parent, Dictionary<long, Comment> byNumber)
    {
        var seen = 0;
        for (var at = parent; at is not null && seen < byNumber.Count; at = at.Parent, seen++)
        {
            if (ReferenceEquals(at, comment))
            {
                return true;
            }
        }
        return false;
    }

    private void Fill(Comment comment, WxrComment wxr, Article article)
    {
        var (html, text) = CommentHtml.FromWordPress(wxr.Content);
        comment.ArticleId = article.Id;
        comment.WordPressId = wxr.Id;
        comment.AuthorName = wxr.Author;
        comment.AuthorEmail = wxr.Email.ToLowerInvariant();
        comment.AuthorUrl = wxr.Url.Length > 0 ? wxr.Url : null;
        comment.ContentHtml = html;
        comment.Content = text;
        comment.Status = wxr.Approved switch
        {
            "1" or "approve" => CommentStatus.Approved,
            "spam" => CommentStatus.Spam,
            "trash" or "post-trashed" => CommentStatus.Trash,
            _ => CommentStatus.Pending,
        };
        comment.CreatedAt = ToUtc(wxr.DateGmt, wxr.Date, article.PublishedAt ?? utcNow);
        comment.IpAddress = wxr.IpAddress.Length > 0 ? wxr.IpAddress : null;
        comment.UserAgent = wxr.UserAgent;
    }
}
