using System.Runtime.CompilerServices;
using Broadsheet.Settings;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Decides whether a new comment shows at once or waits for a moderator: first the editors' rules
// (disallowed and moderation words, links), then the site's policy.
public sealed class Moderation(IOptions<CommentOptions> options, EditorSettings settings)
{
    public const string HeldFirstTime = "First comment from this email address";
    public const string HeldAll = "Every comment is held for moderation";
    public const string HeldRobot = "Filled in the hidden field that only robots see";

    private static readonly ModerationRules Defaults = ModerationRules.None with { HoldLinkCount = 2 };

    // The word lists are parsed once per stored settings row, not once per comment: a save or a
    // refresh replaces the row object, and with it the entry (the old one goes with the old row).
    private static readonly ConditionalWeakTable<SiteSettings, ModerationRules> Parsed = [];

    public ModerationRules Rules => settings.Stored is { } stored
        ? Parsed.GetValue(stored, s => new ModerationRules(SiteSettings.Lines(s.DisallowedWords), SiteSettings.Lines(s.ModerationWords), s.HoldLinkCount))
        : Defaults;

    // isKnownCommenter: the email already has an approved comment (WordPress's first-time rule).
    public (CommentStatus Status, string? Reason) Decide(CommentForm form, string? ipAddress, bool isKnownCommenter)
    {
        if (Rules.Check(form, ipAddress) is { } ruled)
        {
            return ruled;
        }
        return options.Value.Moderation switch
        {
            ModerationPolicy.None => (CommentStatus.Approved, null),
            ModerationPolicy.All => (CommentStatus.Pending, HeldAll),
            _ => isKnownCommenter ? (CommentStatus.Approved, null) : (CommentStatus.Pending, HeldFirstTime),
        };
    }
}
