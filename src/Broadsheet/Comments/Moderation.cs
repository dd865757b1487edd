using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Decides whether a new comment shows at once or waits for a moderator, by the site's policy.
public sealed class Moderation(BroadsheetDb db, IOptions<CommentOptions> options)
{
    public const string HeldFirstTime = "First comment from this email address";
    public const string HeldAll = "Every comment is held for moderation";
    public const string HeldRobot = "Filled in the hidden field that only robots see";

    public async Task<(CommentStatus Status, string? Reason)> DecideAsync(string email, CancellationToken cancellationToken)
    {
        switch (options.Value.Moderation)
        {
            case ModerationPolicy.None:
                return (CommentStatus.Approved, null);
            case ModerationPolicy.All:
                return (CommentStatus.Pending, HeldAll);
            default:
                var isKnown = await db.Comments
                    .AnyAsync(c => c.AuthorEmail == email && c.Status == CommentStatus.Approved, cancellationToken);
                return isKnown ? (CommentStatus.Approved, null) : (CommentStatus.Pending, HeldFirstTime);
        }
    }
}
