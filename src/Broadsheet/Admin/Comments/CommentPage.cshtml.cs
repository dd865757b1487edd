using System.Security.Claims;
using Broadsheet.Admin.Audit;
using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Comments;

// One comment from the queue: correct what the commenter sent, or answer as the newsroom. A staff
// reply is approved at once, approves the comment it answers (as WordPress does) and carries the
// staff badge on the site.
public sealed class CommentPage(BroadsheetDb db, TimeProvider time, AuditLog audit) : PageModel
{
    public Comment Comment { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(int id, CommentForm form, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        form.Parent = null;
        if (form.Validate() is { Count: > 0 } errors)
        {
            return Refuse(errors);
        }
        (Comment.AuthorName, Comment.AuthorEmail, Comment.AuthorUrl, Comment.Content) =
            (form.TrimmedAuthor, form.NormalizedEmail, form.TrimmedUrl, form.TrimmedComment);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(User, "comment.edited", $"comment {id}", cancellationToken);
        return Redirect($"/admin/comments/{id}/");
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, string? reply, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var staff = await db.Users.FirstAsync(u => u.Id == User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        var form = new CommentForm { Comment = reply, Author = staff.DisplayName, Email = staff.Email };
        if (form.Validate() is { Count: > 0 } errors)
        {
            return Refuse(errors);
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (Comment.Status != CommentStatus.Approved)
        {
            (Comment.Status, Comment.ModeratedAt) = (CommentStatus.Approved, now);
        }
        db.Comments.Add(new Comment
        {
            ArticleId = Comment.ArticleId,
            ParentId = Comment.Id,
            AuthorName = form.TrimmedAuthor,
            AuthorEmail = form.NormalizedEmail,
            Content = form.TrimmedComment,
            Status = CommentStatus.Approved,
            CreatedAt = now,
            IsStaffReply = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(User, "comment.replied", $"comment {id}", cancellationToken);
        TempData["moderation"] = "Reply published.";
        return Redirect("/admin/comments/");
    }

    private PageResult Refuse(Dictionary<string, string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Comment = (await db.Comments.Include(c => c.Article).FirstOrDefaultAsync(c => c.Id == id, cancellationToken))!;
        return Comment is not null;
    }
}
