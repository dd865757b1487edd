using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Comments;

public enum ModerationPolicy
{
    // As WordPress: held unless the same email already has an approved comment.
    FirstTime,
    All,
    None,
}

// Operator settings of the "Comments" section (environment: Comments__FloodIntervalSeconds, …).
public sealed class CommentOptions
{
    public const string Section = "Comments";

    public ModerationPolicy Moderation { get; set; } = ModerationPolicy.FirstTime;

    // Minimum seconds between two comments from one IP address or one email; 0 turns it off.
    [Range(0, 86_400)]
    public int FloodIntervalSeconds { get; set; } = 15;

    // Articles older than this many days take no new comments (as WordPress's "close comments
    // on articles older than"); 0 keeps them open.
    [Range(0, 36_500)]
    public int CloseAfterDays { get; set; }

    // Replies deeper than this are shown at this depth and offer no further Reply link.
    [Range(1, 10)]
    public int ThreadDepth { get; set; } = 5;

    // Top-level comments on one page of an article's thread (each with all its replies); the
    // article's address shows the newest page, older ones live at {permalink}comment-page-N/.
    [Range(1, 1000)]
    public int CommentsPerPage { get; set; } = 50;
}
