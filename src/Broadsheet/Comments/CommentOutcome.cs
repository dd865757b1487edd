namespace Broadsheet.Comments;

// What became of a posted comment; the page turns each case into its HTTP answer.
public abstract record CommentOutcome
{
    private CommentOutcome()
    {
    }

    public sealed record Accepted(Comment Comment) : CommentOutcome;

    // Field name → message; answered with 422 and the form shown again as typed.
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : CommentOutcome;

    public sealed record Refused(int StatusCode, string Message, TimeSpan? RetryAfter = null) : CommentOutcome;
}
