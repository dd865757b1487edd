using Broadsheet.Articles;

namespace Broadsheet.Comments;

// A reader's comment. Content is plain text exactly as typed: never render it as HTML, render it
// through CommentText.ToHtml. IP address and user agent are kept for moderators only.
public class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int? ParentId { get; set; }
    public Comment? Parent { get; set; }

    public required string AuthorName { get; set; }

    // Lower-cased on the way in, so that "same commenter" checks are plain index lookups.
    public required string AuthorEmail { get; set; }
    public string? AuthorUrl { get; set; }
    public required string Content { get; set; }
    public CommentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    // Why moderation held the comment, for the moderation queue.
    public string? HeldReason { get; set; }

    // SHA-256 of the random token in the writer's browser cookie: lets that browser, and no other,
    // see its comment while it awaits moderation. The token itself is never stored.
    public string? BrowserTokenHash { get; set; }

    // The comment's number on the WordPress site it came from: old links name it.
    public long? WordPressId { get; set; }

    // Imported comments were HTML (WordPress's comment allow-list); this keeps that HTML, already
    // sanitised, and is shown instead of Content when present. Content then holds its plain text.
    public string? ContentHtml { get; set; }

    // What the thread shows: made at write time by CommentRendering, from Content or ContentHtml
    // and through our sanitiser only, never copied from input. Null only until the start-up fill.
    public string? RenderedHtml { get; set; }

    // The post's id at Disqus, for comments imported from a Disqus export (re-imports match on it).
    public string? DisqusId { get; set; }

    // Written by the newsroom from the back office; the thread shows a staff badge beside it.
    public bool IsStaffReply { get; set; }

    // When a moderator last changed the status: spam and trash are purged 30 days after it.
    public DateTime? ModeratedAt { get; set; }

    public bool IsApproved => Status == CommentStatus.Approved;
}
