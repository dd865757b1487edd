namespace Broadsheet.Comments;

// What the comment form partial needs: the values to show, where to post, and what went wrong.
public sealed record CommentFormView(CommentForm Values, string Action, bool IsOpen)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    // A refusal that concerns the whole comment (duplicate, too fast, closed).
    public string? Message { get; init; }

    public string? ReplyingTo { get; init; }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
