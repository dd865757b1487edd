using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Comments;

// The moderation queue: counts per status, one status at a time (pending first), newest first,
// filtered by article, email or IP, with actions on one comment or a selection.
public sealed class CommentsPage(BroadsheetDb db, ModerationQueue queue) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Comment Comment, string ArticleTitle);

    public CommentStatus Status { get; private set; }
    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int? ArticleId { get; private set; }
    public string? Email { get; private set; }
    public string? Ip { get; private set; }
    public int PageNumber { get; private set; }
    public bool HasMore { get; private set; }
    public string? Message => TempData["moderation"] as string;

    public async Task OnGetAsync(CancellationToken cancellationToken, CommentStatus status = CommentStatus.Pending,
        int? article = null, string? email = null, string? ip = null, int p = 1)
    {
        (Status, ArticleId, Email, Ip, PageNumber) = (status, article, email?.Trim().ToLowerInvariant(), ip?.Trim(), Math.Max(1, p));
        var filtered = Filtered();
        Counts = await filtered.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var rows = await filtered.Where(c => c.Status == status)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(c => new Row(c, c.Article.Title)).AsNoTracking().ToListAsync(cancellationToken);
        (HasMore, Rows) = (rows.Count > PageSize, rows.Take(PageSize).ToList());
    }

    // `one` is "action:id" from a row's button; otherwise `bulk` applies to the ticked `ids`.
    public async Task<IActionResult> OnPostAsync(string? one, string? bulk, int[] ids, CancellationToken cancellationToken)
    {
        var (action, targets) = one?.Split(':') is [var a, var id] && int.TryParse(id, out var single) ? (a, new[] { single }) : (bulk ?? "", ids);
        if (targets.Length == 0)
        {
            TempData["moderation"] = "Select at least one comment.";
        }
        else if (await queue.ApplyAsync(action, targets, User.Identity?.Name ?? "", cancellationToken) is { } changed)
        {
            TempData["moderation"] = $"{ModerationQueue.Labels[action]}: {changed} comment(s).";
        }
        else
        {
            return BadRequest();
        }
        return Redirect(Request.Path + Request.QueryString);
    }

    private IQueryable<Comment> Filtered()
    {
        var comments = db.Comments.AsQueryable();
        if (ArticleId is { } articleId)
        {
            comments = comments.Where(c => c.ArticleId == articleId);
        }
        if (Email is { Length: > 0 } email)
        {
            comments = comments.Where(c => c.AuthorEmail == email);
        }
        if (Ip is { Length: > 0 } ip)
        {
            comments = comments.Where(c => c.IpAddress == ip);
        }
        return comments;
    }

    public string Href(CommentStatus status, int page = 1) =>
        $"?status={status}&article={ArticleId}&email={Uri.EscapeDataString(Email ?? "")}&ip={Uri.EscapeDataString(Ip ?? "")}&p={page}";
}
