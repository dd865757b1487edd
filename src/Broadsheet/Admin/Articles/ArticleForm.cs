using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Shared;

namespace Broadsheet.Admin.Articles;

// The article editor's fields, as posted. Version is the article's version when the editor opened
// it: saving an older version than the stored one is an edit conflict.
public sealed class ArticleForm
{
    public const string PublishAtFormat = "yyyy-MM-dd'T'HH:mm";

    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Excerpt { get; set; }
    public string? Body { get; set; }
    public int CategoryId { get; set; }

    // The other sections the article also appears in; the one above stays its primary section.
    public List<int> SecondaryCategoryIds { get; set; } = [];
    public string? Tags { get; set; }
    public bool CommentsOpen { get; set; } = true;

    // A wall-clock time in the site's time zone, as a datetime-local input sends it.
    public string? PublishAt { get; set; }
    public int Version { get; set; }
    public int? FeaturedMediaId { get; set; }
    public string? FeaturedImageAlt { get; set; }

    // The byline: only editors and administrators send it (EditArticlePage refuses it from others).
    public int? AuthorId { get; set; }

    public static ArticleForm From(Article article, SiteClock clock) => new()
    {
        Title = article.Title,
        Slug = article.Slug,
        Excerpt = article.Excerpt,
        Body = article.BodyMarkdown,
        CategoryId = article.CategoryId,
        SecondaryCategoryIds = [.. article.SecondaryCategories.Select(c => c.Id)],
        Tags = string.Join(", ", article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)),
        CommentsOpen = article.AreCommentsOpen,
        PublishAt = article.PublishedAt is { } at ? clock.ToLocal(at).ToString(PublishAtFormat, CultureInfo.InvariantCulture) : null,
        Version = article.Version,
        FeaturedMediaId = article.FeaturedMediaId,
        FeaturedImageAlt = article.FeaturedImageAlt,
        AuthorId = article.AuthorId,
    };

    public string TrimmedTitle => (Title ?? "").Trim();

    public IEnumerable<string> TagNames =>
        (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(name => name.Length <= 200 && Slugs.From(name).Length > 0)
            .DistinctBy(Slugs.From);

    public DateTime? PublishAtUtc(SiteClock clock) =>
        DateTime.TryParseExact(PublishAt, [PublishAtFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local) ? clock.ToUtc(local) : null;

    public Dictionary<string, string> Validate(string intent, SiteClock clock)
    {
        var errors = new Dictionary<string, string>();
        if (TrimmedTitle.Length is 0 or > 300)
        {
            errors["title"] = "Please give the article a title (at most 300 characters).";
        }
        if ((Excerpt ?? "").Length > 1000)
        {
            errors["excerpt"] = "The excerpt is too long (at most 1,000 characters).";
        }
        if (FeaturedMediaId is not null && string.IsNullOrWhiteSpace(FeaturedImageAlt))
        {
            errors["featuredImageAlt"] = "Please describe the featured image (alt text) for readers who cannot see it.";
        }
        if (intent == "schedule" && PublishAtUtc(clock) is null)
        {
            errors["publishAt"] = "Please give the date and time to publish at.";
        }
        else if (intent == "schedule" && PublishAtUtc(clock) <= clock.UtcNow)
        {
            errors["publishAt"] = "The publication time must be in the future; use Publish to publish now.";
        }
        return errors;
    }
}
