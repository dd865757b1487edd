using Broadsheet.Data;

namespace Broadsheet.Comments;

// Decides the comments of one group commit in the order they arrived, each with the outcome it
// would have had alone: the checks compare with the stored comments (read once for the whole
// batch, inside its write transaction) and with the comments accepted earlier in the same batch.
// The accepted comments come back in their outcomes, for the writer to store (CommentInsert).
internal sealed class CommentBatch(BroadsheetDb db, Moderation moderation, CommentOptions options, DateTime now)
{
    private readonly List<Comment> _accepted = [];
    private CommentHistory _history = CommentHistory.Empty;

    private TimeSpan FloodInterval => TimeSpan.FromSeconds(options.FloodIntervalSeconds);

    public async Task<CommentOutcome[]> DecideAsync(IReadOnlyList<CommentWriter.Submission> batch, CancellationToken cancellationToken)
    {
        _history = await CommentHistory.LoadAsync(db, batch, FloodInterval > TimeSpan.Zero ? now - FloodInterval : null, cancellationToken);
        var outcomes = new CommentOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = Decide(batch[i]);
        }
        return outcomes;
    }

    private CommentOutcome Decide(CommentWriter.Submission submission)
    {
        var (articleId, form, sender, _) = submission;
        if (!_history.Articles.Contains(articleId))
        {
            return new CommentOutcome.Refused(StatusCodes.Status403Forbidden, CommentMessages.CommentsNotAllowed);
        }
        if (form.ParentId is { } parentId && !_history.OpenParents.Contains((parentId, articleId)))
        {
            return new CommentOutcome.Invalid(new Dictionary<string, string> { ["parent"] = CommentMessages.ParentNotFound });
        }
        var key = new CommentHistory.Words(form.NormalizedEmail, articleId, form.ParentId, form.TrimmedComment);
        if (_history.Said.Contains(key) || _accepted.Exists(c => CommentHistory.WordsOf(c) == key))
        {
            return new CommentOutcome.Refused(StatusCodes.Status409Conflict, CommentMessages.Duplicate);
        }
        if (FloodInterval > TimeSpan.Zero && LatestFrom(form.NormalizedEmail, sender.IpAddress) is { } latest)
        {
            return new CommentOutcome.Refused(StatusCodes.Status429TooManyRequests, CommentMessages.Flood, latest + FloodInterval - now);
        }
        var isKnown = _history.KnownEmails.Contains(form.NormalizedEmail)
            || _accepted.Exists(c => c.AuthorEmail == form.NormalizedEmail && c.IsApproved);
        var (status, reason) = form.IsRobot ? (CommentStatus.Spam, Moderation.HeldRobot) : moderation.Decide(form, sender.IpAddress, isKnown);
        var comment = new Comment
        {
            ArticleId = articleId,
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
            RenderedHtml = submission.RenderedHtml,
        };
        _accepted.Add(comment);
        return new CommentOutcome.Accepted(comment);
    }

    // The commenter's latest comment within the flood interval, by email or by IP address.
    private DateTime? LatestFrom(string email, string? ip)
    {
        if (_accepted.Exists(c => c.AuthorEmail == email || (ip is not null && c.IpAddress == ip)))
        {
            return now;
        }
        DateTime? latest = _history.LatestByEmail.TryGetValue(email, out var byEmail) ? byEmail : null;
        if (ip is not null && _history.LatestByIp.TryGetValue(ip, out var byIp) && (latest is null || byIp > latest))
        {
            latest = byIp;
        }
        return latest;
    }
}
