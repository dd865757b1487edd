using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Redirects;
using Broadsheet.Taxonomy;

namespace Broadsheet.Import;

// The rows of a JSON backup: every stored field of every table, by hand, so that the file's shape
// is a contract that does not move when an entity gains a navigation property.
public sealed record BackupFile(int Version, List<AuthorRow> Authors, List<CategoryRow> Categories, List<TagRow> Tags,
    List<ArticleRow> Articles, List<CommentRow> Comments, List<LegacyUrlRow> LegacyUrls);

public sealed record AuthorRow(int Id, string Name, string Slug, string Bio, string? Email, string? WordPressLogin, int? WordPressId)
{
    public Author ToEntity() => new() { Id = Id, Name = Name, Slug = Slug, Bio = Bio, Email = Email, WordPressLogin = WordPressLogin, WordPressId = WordPressId };
}

public sealed record CategoryRow(int Id, string Name, string Slug, string Description, int? ParentId, int? WordPressId)
{
    public Category ToEntity() => new() { Id = Id, Name = Name, Slug = Slug, Description = Description, ParentId = ParentId, WordPressId = WordPressId };
}

public sealed record TagRow(int Id, string Name, string Slug, int? WordPressId)
{
    public Tag ToEntity() => new() { Id = Id, Name = Name, Slug = Slug, WordPressId = WordPressId };
}

public sealed record ArticleRow(int Id, string Title, string Slug, string BodyMarkdown, string BodyHtml, string Excerpt, ArticleStatus Status,
    DateTime? PublishedAt, DateTime UpdatedAt, bool AreCommentsOpen, int AuthorId, int CategoryId, List<int> TagIds, int? WordPressId,
    bool IsSticky, ArticleKind Kind, string? FeaturedImageUrl,
    List<int>? SecondaryCategoryIds = null, int? ParentId = null) // absent from backups made before sections could be several
{
    public Article ToEntity() => new()
    {
        Id = Id, Title = Title, Slug = Slug, BodyMarkdown = BodyMarkdown, BodyHtml = BodyHtml, Excerpt = Excerpt, Status = Status,
        PublishedAt = PublishedAt, UpdatedAt = UpdatedAt, AreCommentsOpen = AreCommentsOpen, AuthorId = AuthorId, CategoryId = CategoryId,
        WordPressId = WordPressId, IsSticky = IsSticky, Kind = Kind, FeaturedImageUrl = FeaturedImageUrl, ParentId = ParentId,
    };
}

public sealed record CommentRow(int Id, int ArticleId, int? ParentId, string AuthorName, string AuthorEmail, string? AuthorUrl, string Content,
    string? ContentHtml, CommentStatus Status, DateTime CreatedAt, string? IpAddress, string? UserAgent, string? HeldReason,
    string? BrowserTokenHash, long? WordPressId, string? DisqusId)
{
    public Comment ToEntity() => new()
    {
        Id = Id, ArticleId = ArticleId, ParentId = ParentId, AuthorName = AuthorName, AuthorEmail = AuthorEmail, AuthorUrl = AuthorUrl,
        Content = Content, ContentHtml = ContentHtml, Status = Status, CreatedAt = CreatedAt, IpAddress = IpAddress, UserAgent = UserAgent,
        HeldReason = HeldReason, BrowserTokenHash = BrowserTokenHash, WordPressId = WordPressId, DisqusId = DisqusId,
    };
}

public sealed record LegacyUrlRow(string Path, LegacyTarget Target, int TargetId)
{
    public LegacyUrl ToEntity() => new() { Path = Path, Target = Target, TargetId = TargetId };
}

internal static class BackupRows
{
    public static AuthorRow From(Author a) => new(a.Id, a.Name, a.Slug, a.Bio, a.Email, a.WordPressLogin, a.WordPressId);

    public static CategoryRow From(Category c) => new(c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.WordPressId);

    public static TagRow From(Tag t) => new(t.Id, t.Name, t.Slug, t.WordPressId);

    public static ArticleRow From(Article a, List<int> tagIds, List<int> secondaryCategoryIds) => new(a.Id, a.Title, a.Slug, a.BodyMarkdown,
        a.BodyHtml, a.Excerpt, a.Status, a.PublishedAt, a.UpdatedAt, a.AreCommentsOpen, a.AuthorId, a.CategoryId, tagIds, a.WordPressId,
        a.IsSticky, a.Kind, a.FeaturedImageUrl, secondaryCategoryIds, a.ParentId);

    public static CommentRow From(Comment c) => new(c.Id, c.ArticleId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.Content,
        c.ContentHtml, c.Status, c.CreatedAt, c.IpAddress, c.UserAgent, c.HeldReason, c.BrowserTokenHash, c.WordPressId, c.DisqusId);

    public static LegacyUrlRow From(LegacyUrl l) => new(l.Path, l.Target, l.TargetId);
}
