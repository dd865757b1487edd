namespace Broadsheet.Articles;

// What an article list shows of each article.
public sealed record ArticleSummary
{
    public required int Id { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Excerpt { get; init; }
    public required DateTime PublishedAt { get; init; }
    public required string AuthorName { get; init; }
    public required string AuthorSlug { get; init; }
    public required string CategoryName { get; init; }
    public required string CategorySlug { get; init; }
    public required int CommentCount { get; init; }
}

public static class ArticleQueries
{
    // Lists show posts only: pages (imported from WordPress) are standing content, as there.
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= utcNow && a.Kind == ArticleKind.Post);

    // A section's articles: those filed under it and those that are also in it (one indexed
    // lookup in ArticleCategories per article, inside the same query).
    public static IQueryable<Article> InSection(this IQueryable<Article> articles, int categoryId) =>
        articles.Where(a => a.CategoryId == categoryId || a.SecondaryCategories.Any(c => c.Id == categoryId));

    public static IQueryable<Article> NewestFirst(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    public static IQueryable<ArticleSummary> ToSummaries(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleSummary
        {
            Id = a.Id,
            Title = a.Title,
            Slug = a.Slug,
            Excerpt = a.Excerpt,
            PublishedAt = a.PublishedAt!.Value,
            AuthorName = a.Author.Name,
            AuthorSlug = a.Author.Slug,
            CategoryName = a.Category.Name,
            CategorySlug = a.Category.Slug,
            CommentCount = a.ApprovedCommentCount,
        });
}
