using Broadsheet.Articles;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Takes a posted comment through WordPress's checks, in WordPress's order: the fields, the
// article and the parent, then duplicate and flood checks and moderation. The checks that
// compare with earlier comments read the database inside the write transaction (on SQLite a
// BEGIN IMMEDIATE, so concurrent posts are serialised), so they hold across several app nodes.
public sealed class CommentIntake(BroadsheetDb db, Moderation moderation, IOptions<CommentOptions> options, TimeProvider time)
{
    public sealed record Sender(string? IpAddress, string? UserAgent, string BrowserTokenHash);

    public async Task<CommentOutcome> PostAsync(Article article, CommentForm form, Sender sender, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return new CommentOutcome.Invalid(errors);
        }
        if (!article.IsPublished(now))
        {
            return new CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentMessages.CommentsNotAllowed);
        }
        if (!article.AreCommentsOpen || article.IsTooOldForComments(now, options.Value.CloseAfterDays))
        {
            return new CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentMessages.CommentsClosed);
        }
        if (form.ParentId is { } parentId && !await IsOpenParentAsync(article.Id, parentId, cancellationToken))
        {
            return new CommentOutcome.Invalid(new Dictionary<string, string> { ["parent"] = CommentMessages.ParentNotFound });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsDuplicateAsync(article.Id, form, cancellationToken))
        {
            return new CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentMessages.Duplicate);
        }
        if (await FloodWaitAsync(form.NormalizedEmail, sender.IpAddress, now, cancellationToken) is { } wait)
        {
            return new CommentOutcome.Refused(StatusCodes.Status429TooManyRequests, CommentMessages.Flood, wait);
        }
        var (status, reason) = form.IsRobot
            ? (CommentStatus.Spam, Moderation.HeldRobot)
            : await moderation.DecideAsync(form, sender.IpAddress, cancellationToken);
        var comment = new Comment
        {
            ArticleId = article.Id,
            ParentId = form.ParentId,
            AuthorName = form.TrimmedAuthor,
            AuthorEmail = form.NormalizedEmail,
            AuthorUrl = form.TrimmedUrl,
            Content = form.TrimmedComment,
            Status = status,
            HeldReason = reason,
            CreatedAt = now,
            IpAddress = sender.IpAddress,
            UserAgent = sender.UserAgent is { Length: > 500 } ua ? ua[..500] : sender.UserAgent,
            BrowserTokenHash = sender.BrowserTokenHash,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CommentOutcome.Accepted(comment);
    }

    private Task<bool> IsOpenParentAsync(int articleId, int parentId, CancellationToken cancellationToken) =>
        db.Comments.AnyAsync(
            c => c.Id == parentId && c.ArticleId == articleId && c.Status == CommentStatus.Approved, cancellationToken);

    // As WordPress: same article, same parent, same commenter, same words; trash does not count.
    private Task<bool> IsDuplicateAsync(int articleId, CommentForm form, CancellationToken cancellationToken)
    {
        var email = form.NormalizedEmail;
        var content = form.TrimmedComment;
        var parentId = form.ParentId;
        return db.Comments.AnyAsync(
            c => c.AuthorEmail == email && c.ArticleId == articleId && c.ParentId == parentId
                && c.Content == content && c.Status != CommentStatus.Trash,
            cancellationToken);
    }

    private async Task<TimeSpan?> FloodWaitAsync(string email, string? ip, DateTime now, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.FloodIntervalSeconds);
        if (interval <= TimeSpan.Zero)
        {
            return null;
        }
        var since = now - interval;
        var latest = await db.Comments
            .Where(c => c.CreatedAt > since && (c.AuthorEmail == email || (ip != null && c.IpAddress == ip)))
            .MaxAsync(c => (DateTime?)c.CreatedAt, cancellationToken);
        return latest is { } at ? at + interval - now : null;
    }
}
