using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;

namespace Broadsheet.Articles;

// An article is what readers come for. The body is written in Markdown and rendered once, at save
// time, into sanitised HTML (BodyHtml), so that reading never pays for rendering. An article is
// public only when it is Published and its publication time has come.
public class Article
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    public string Excerpt { get; set; } = "";
    public ArticleStatus Status { get; set; }

    // UTC. For a scheduled article this is the time it goes live.
    public DateTime? PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool AreCommentsOpen { get; set; } = true;

    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;

    // The other sections the article also appears in (WordPress lets a post sit in several
    // categories): their archives and feeds list it too. Category stays the one section of its
    // kicker and breadcrumbs, and of WordPress's %category% addresses.
    public List<Category> SecondaryCategories { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<Comment> Comments { get; set; } = [];

    // Brought over from WordPress: the post ID answers /?p=ID, pages keep their kind, and the
    // featured image stays the URL found in the export (the media library owns files).
    public int? WordPressId { get; set; }
    public bool IsSticky { get; set; }
    public ArticleKind Kind { get; set; } = ArticleKind.Post;
    public string? FeaturedImageUrl { get; set; }

    // A page may sit under another page and answers at its nested address, as in WordPress
    // (/about/team/). PagePath ("about/team") is that address, kept by PagePaths whenever a page's
    // slug or parent changes, so that a permalink never needs a query.
    public int? ParentId { get; set; }
    public string? PagePath { get; set; }

    // Raised by every save from the back office; a save that started from an older version is
    // refused, so two editors never silently overwrite each other (see ArticleMapping).
    public int Version { get; set; }

    // An uploaded image (Media) shown above the article, with the alt text readers of screen
    // readers hear in its place; the back office requires one with the other.
    public int? FeaturedMediaId { get; set; }
    public string? FeaturedImageAlt { get; set; }

    // The two sizes of the article's thread, stored so that reading never counts it: approved
    // comments, and thread roots (approved comments whose parent is not shown), which set the
    // comment pages. Kept by ThreadCounts on every write of comments; EF never writes them.
    public int ApprovedCommentCount { get; set; }
    public int ThreadRootCount { get; set; }

    public bool IsPublished(DateTime utcNow) =>
        Status == ArticleStatus.Published && PublishedAt is { } at && at <= utcNow;

    public bool AcceptsComments(DateTime utcNow, int closeAfterDays = 0) =>
        AreCommentsOpen && IsPublished(utcNow) && !IsTooOldForComments(utcNow, closeAfterDays);

    public bool IsTooOldForComments(DateTime utcNow, int closeAfterDays) =>
        closeAfterDays > 0 && PublishedAt is { } at && at < utcNow.AddDays(-closeAfterDays);

    public void SetBody(string markdown)
    {
        BodyMarkdown = markdown;
        BodyHtml = ArticleBody.ToHtml(markdown);
    }
}
