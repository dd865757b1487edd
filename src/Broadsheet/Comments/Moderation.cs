using Broadsheet.Data;
using Broadsheet.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Decides whether a new comment shows at once or waits for a moderator: first the editors' rules
// (disallowed and moderation words, links), then the site's policy.
public sealed class Moderation(BroadsheetDb db, IOptions<CommentOptions> options, EditorSettings settings)
{
    public const string HeldFirstTime = "First comment from this email address";
    public const string HeldAll = "Every comment is held for moderation";
    public const string HeldRobot = "Filled in the hidden field that only robots see";

    public ModerationRules Rules => settings.Stored is { } stored
        ? new ModerationRules(SiteSettings.Lines(stored.DisallowedWords), SiteSettings.Lines(stored.ModerationWords), stored.HoldLinkCount)
        : ModerationRules.None with { HoldLinkCount = 2 };

    public async Task<(CommentStatus Status, string? Reason)> DecideAsync(CommentForm form, string? ipAddress,
        CancellationToken cancellationToken) =>
        Rules.Check(form, ipAddress) is { } ruled ? ruled : await DecideAsync(form.NormalizedEmail, cancellationToken);

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
