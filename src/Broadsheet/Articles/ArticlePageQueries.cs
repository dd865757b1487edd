using System.Data.Common;
using Broadsheet.Authors;
using Broadsheet.Data;
using Broadsheet.Taxonomy;

namespace Broadsheet.Articles;

// What the article page reads about its article: in one statement its row, byline and section
// names, and the two stored counts of its thread; then its tags and other sections.
public sealed record ArticleRead(Article Article, int ApprovedComments, int ThreadRoots);

internal static class ArticlePageQueries
{
    public static async Task<ArticleRead?> ReadAsync(BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken)
    {
        // Only pages answer at an address outside the dated ones.
        var shown = await PageReads.ListAsync(db, ShownSql, [slug, pagesOnly ? nameof(ArticleKind.Page) : null], ReadRow, cancellationToken);
        if (shown is not [var read])
        {
            return null;
        }
        var terms = await PageReads.ListAsync(db, TermsSql, [read.Article.Id],
            static reader => (IsTag: reader.GetInt32(0) == 0, reader.GetInt32(1), reader.GetString(2), reader.GetString(3)), cancellationToken);
        read.Article.Tags = [.. terms.Where(t => t.IsTag).Select(t => new Tag { Id = t.Item2, Name = t.Item3, Slug = t.Item4 })];
        read.Article.SecondaryCategories = [.. terms.Where(t => !t.IsTag).Select(t => new Category { Id = t.Item2, Name = t.Item3, Slug = t.Item4 })];
        return read;
    }

    // The row without its Markdown (only the HTML is shown), byline and section names, and the
    // thread's two stored counts: approved comments, and roots for the comment pages (kept by
    // Comments/ThreadCounts). A fixed statement (PageReads) rather than a compiled EF query: EF's
    // shaping of this row cost more than SQLite's reading it.
    private const string ShownSql = """
        SELECT a."Id", a."Title", a."Slug", a."BodyHtml", a."Excerpt", a."Status", a."PublishedAt", a."UpdatedAt",
               a."AreCommentsOpen", a."AuthorId", au."Name", au."Slug", a."CategoryId", s."Name", s."Slug", a."WordPressId",
               a."IsSticky", a."Kind", a."FeaturedImageUrl", a."ParentId", a."PagePath", a."Version", a."FeaturedMediaId",
               a."FeaturedImageAlt",
               a."ApprovedCommentCount", a."ThreadRootCount"
        FROM "Articles" AS a
        JOIN "Authors" AS au ON au."Id" = a."AuthorId"
        JOIN "Categories" AS s ON s."Id" = a."CategoryId"
        WHERE a."Slug" = @p0 AND (@p1 IS NULL OR a."Kind" = @p1)
        LIMIT 1
        """;

    private static ArticleRead ReadRow(DbDataReader reader) => new(
        new Article
        {
            Id = reader.GetInt32(0), Title = reader.GetString(1), Slug = reader.GetString(2), BodyMarkdown = "",
            BodyHtml = reader.GetString(3), Excerpt = reader.GetString(4), Status = Enum.Parse<ArticleStatus>(reader.GetString(5)),
            PublishedAt = reader.IsDBNull(6) ? null : reader.UtcDateTime(6), UpdatedAt = reader.UtcDateTime(7),
            AreCommentsOpen = reader.GetBoolean(8),
            AuthorId = reader.GetInt32(9), Author = new Author { Id = reader.GetInt32(9), Name = reader.GetString(10), Slug = reader.GetString(11) },
            CategoryId = reader.GetInt32(12),
            Category = new Category { Id = reader.GetInt32(12), Name = reader.GetString(13), Slug = reader.GetString(14) },
            WordPressId = reader.NullableInt32(15), IsSticky = reader.GetBoolean(16), Kind = Enum.Parse<ArticleKind>(reader.GetString(17)),
            FeaturedImageUrl = reader.NullableString(18), ParentId = reader.NullableInt32(19), PagePath = reader.NullableString(20),
            Version = reader.GetInt32(21), FeaturedMediaId = reader.NullableInt32(22), FeaturedImageAlt = reader.NullableString(23),
        },
        reader.GetInt32(24),
        reader.GetInt32(25));

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
