using Broadsheet.Authors;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Articles;

// What the article page reads about its article: in one compiled query the row without its
// Markdown (only the HTML is shown), byline and section names, and the two stored counts of its
// thread (approved comments, and roots for the comment pages); then its tags and other sections.
public sealed record ArticleRead(Article Article, int ApprovedComments, int ThreadRoots);

internal static class ArticlePageQueries
{
    // Only pages answer at an address outside the dated ones.
    private static readonly PerModel<Func<BroadsheetDb, string, bool, CancellationToken, Task<ArticleRead?>>> Shown = new(() =>
        EF.CompileAsyncQuery((BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Slug == slug && (!pagesOnly || a.Kind == ArticleKind.Page))
                .Select(a => new ArticleRead(
                    new Article
                    {
                        Id = a.Id, Title = a.Title, Slug = a.Slug, BodyMarkdown = "", BodyHtml = a.BodyHtml, Excerpt = a.Excerpt,
                        Status = a.Status, PublishedAt = a.PublishedAt, UpdatedAt = a.UpdatedAt, AreCommentsOpen = a.AreCommentsOpen,
                        AuthorId = a.AuthorId, Author = new Author { Id = a.Author.Id, Name = a.Author.Name, Slug = a.Author.Slug },
                        CategoryId = a.CategoryId, Category = new Category { Id = a.Category.Id, Name = a.Category.Name, Slug = a.Category.Slug },
                        WordPressId = a.WordPressId, IsSticky = a.IsSticky, Kind = a.Kind, FeaturedImageUrl = a.FeaturedImageUrl,
                        ParentId = a.ParentId, PagePath = a.PagePath, Version = a.Version,
                        FeaturedMediaId = a.FeaturedMediaId, FeaturedImageAlt = a.FeaturedImageAlt,
                    },
                    a.ApprovedCommentCount,
                    a.ThreadRootCount))
                .FirstOrDefault()));

    public static async Task<ArticleRead?> ReadAsync(BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken)
    {
        if (await Shown.For(db)(db, slug, pagesOnly, cancellationToken) is not { } read)
        {
            return null;
        }
        var terms = await PageReads.ListAsync(db, TermsSql, [read.Article.Id],
            static reader => (IsTag: reader.GetInt32(0) == 0, reader.GetInt32(1), reader.GetString(2), reader.GetString(3)), cancellationToken);
        read.Article.Tags = [.. terms.Where(t => t.IsTag).Select(t => new Tag { Id = t.Item2, Name = t.Item3, Slug = t.Item4 })];
        read.Article.SecondaryCategories = [.. terms.Where(t => !t.IsTag).Select(t => new Category { Id = t.Item2, Name = t.Item3, Slug = t.Item4 })];
        return read;
    }

    // Both start from the article's rows of the join tables (their keys begin with the article).
    // EF's own collection loading joined the whole join table to its names first: 75 ms on a site
    // of 100,000 articles without ANALYZE statistics.
    private const string TermsSql = """
        SELECT 0, t."Id", t."Name", t."Slug" FROM "ArticleTags" AS j JOIN "Tags" AS t ON t."Id" = j."TagsId" WHERE j."ArticlesId" = @p0
        UNION ALL
        SELECT 1, c."Id", c."Name", c."Slug" FROM "ArticleCategories" AS j JOIN "Categories" AS c ON c."Id" = j."CategoryId" WHERE j."ArticleId" = @p0
        ORDER BY 1, 3
        """;
}
