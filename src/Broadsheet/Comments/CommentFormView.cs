namespace Broadsheet.Comments;

// What the comment form partial needs: the values to show, where to post, and what went wrong.
public sealed record CommentFormView(CommentForm Values, string Action, bool IsOpen)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    // A refusal that concerns the whole comment (duplicate, too fast, closed).
    public string? Message { get; init; }

    public string? ReplyingTo { get; init; }

    // Only on answers to a post, which are never cached: a GET page is the same bytes for every
    // reader (and every CDN), so its form asks /comment-token/ for a token of this reader's own.
    public string? Token { get; init; }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
