using System.Data.Common;
using Broadsheet.Authors;
using Broadsheet.Data;
using Broadsheet.Taxonomy;

namespace Broadsheet.Articles;

// What the article page reads about its article: in one statement its row, byline and section
// names, the two stored counts of its thread, its tags and its other sections.
public sealed record ArticleRead(Article Article, int ApprovedComments, int ThreadRoots);

internal static class ArticlePageQueries
{
    public static async Task<ArticleRead?> ReadAsync(BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken)
    {
        // Only pages answer at an address outside the dated ones.
        var rows = await PageReads.ListAsync(db, ShownSql, [slug, pagesOnly ? nameof(ArticleKind.Page) : null], ReadRow, cancellationToken);
        if (rows is not [{ Read: { } read }, ..])
        {
            return null;
        }
        read.Article.Tags = [.. rows.Where(r => r.Kind == TagRow).Select(r => new Tag { Id = r.Id, Name = r.Name!, Slug = r.Slug! })];
        read.Article.SecondaryCategories = [.. rows.Where(r => r.Kind == CategoryRow)
            .Select(r => new Category { Id = r.Id, Name = r.Name!, Slug = r.Slug! })];
        return read;
    }

    private const int ArticleRow = 0, TagRow = 1, CategoryRow = 2;

    // The article's row, or one of its tags or other sections (Id, Name and Slug only).
    private readonly record struct Row(int Kind, ArticleRead? Read, int Id, string? Name, string? Slug);

    // The article's columns after Id, Title and Slug, which a term's row leaves empty (declared
    // before the statement: static fields are set in the order they are written).
    private static readonly string Nulls = string.Join(", ", Enumerable.Repeat("NULL", 23));

    // In one statement: the row without its Markdown (only the HTML is shown), byline and section
    // names, and the thread's two stored counts: approved comments, and roots for the comment
    // pages (kept by Comments/ThreadCounts); then, below it, its tags and its other sections by
    // name, each in the article's columns Id, Title and Slug, the rest null. One statement rather
    // than two: each costs SQLite a read transaction of its own. A fixed statement (PageReads)
    // rather than a compiled EF query: EF's shaping of this row cost more than SQLite's reading it.
    // The terms start from the article's rows of the join tables (their keys begin with the
    // article); EF's own collection loading joined the whole join table to its names first: 75 ms
    // on a site of 100,000 articles without ANALYZE statistics. Slugs are unique: one article.
    private static readonly string ShownSql = $$"""
        SELECT {{ArticleRow}}, a."Id", a."Title", a."Slug", a."BodyHtml", a."Excerpt", a."Status", a."PublishedAt", a."UpdatedAt",
               a."AreCommentsOpen", a."AuthorId", au."Name", au."Slug", a."CategoryId", s."Name", s."Slug", a."WordPressId",
               a."IsSticky", a."Kind", a."FeaturedImageUrl", a."ParentId", a."PagePath", a."Version", a."FeaturedMediaId",
               a."FeaturedImageAlt",
               a."ApprovedCommentCount", a."ThreadRootCount"
        FROM "Articles" AS a
        JOIN "Authors" AS au ON au."Id" = a."AuthorId"
        JOIN "Categories" AS s ON s."Id" = a."CategoryId"
        WHERE a."Slug" = @p0 AND (@p1 IS NULL OR a."Kind" = @p1)
        UNION ALL
        SELECT {{TagRow}}, t."Id", t."Name", t."Slug", {{Nulls}}
        FROM "Articles" AS a JOIN "ArticleTags" AS j ON j."ArticlesId" = a."Id" JOIN "Tags" AS t ON t."Id" = j."TagsId"
        WHERE a."Slug" = @p0 AND (@p1 IS NULL OR a."Kind" = @p1)
        UNION ALL
        SELECT {{CategoryRow}}, c."Id", c."Name", c."Slug", {{Nulls}}
        FROM "Articles" AS a JOIN "ArticleCategories" AS j ON j."ArticleId" = a."Id" JOIN "Categories" AS c ON c."Id" = j."CategoryId"
        WHERE a."Slug" = @p0 AND (@p1 IS NULL OR a."Kind" = @p1)
        ORDER BY 1, 3
        """;

    private static Row ReadRow(DbDataReader reader) => reader.GetInt32(0) == ArticleRow
        ? new(ArticleRow, ReadArticle(reader), 0, null, null)
        : new(reader.GetInt32(0), null, reader.GetInt32(1), reader.GetString(2), reader.GetString(3));

    private static ArticleRead ReadArticle(DbDataReader reader) => new(
        new Article
        {
            Id = reader.GetInt32(1), Title = reader.GetString(2), Slug = reader.GetString(3), BodyMarkdown = "",
            BodyHtml = reader.GetString(4), Excerpt = reader.GetString(5), Status = Enum.Parse<ArticleStatus>(reader.GetString(6)),
            PublishedAt = reader.IsDBNull(7) ? null : reader.UtcDateTime(7), UpdatedAt = reader.UtcDateTime(8),
            AreCommentsOpen = reader.GetBoolean(9),
            AuthorId = reader.GetInt32(10), Author = new Author { Id = reader.GetInt32(10), Name = reader.GetString(11), Slug = reader.GetString(12) },
            CategoryId = reader.GetInt32(13),
            Category = new Category { Id = reader.GetInt32(13), Name = reader.GetString(14), Slug = reader.GetString(15) },
            WordPressId = reader.NullableInt32(16), IsSticky = reader.GetBoolean(17), Kind = Enum.Parse<ArticleKind>(reader.GetString(18)),
            FeaturedImageUrl = reader.NullableString(19), ParentId = reader.NullableInt32(20), PagePath = reader.NullableString(21),
            Version = reader.GetInt32(22), FeaturedMediaId = reader.NullableInt32(23), FeaturedImageAlt = reader.NullableString(24),
        },
        reader.GetInt32(25),
        reader.GetInt32(26));
}
