using Broadsheet.Articles;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Takes a posted comment through WordPress's checks, in WordPress's order: the fields and the
// article here, then the parent, duplicate and flood checks and moderation in the CommentWriter,
// which decides and stores concurrent comments together (group commit). The answer comes only
// once the comment is committed, or refused, or its batch failed and nothing of it was stored.
public sealed class CommentIntake(CommentWriter writer, IOptions<CommentOptions> options, TimeProvider time)
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
        var html = CommentRendering.ToHtml(form.TrimmedComment, importedHtml: null);
        return await writer.WriteAsync(new CommentWriter.Submission(article.Id, form, sender, html), cancellationToken);
    }
}
