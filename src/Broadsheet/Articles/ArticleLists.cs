using Broadsheet.Data;

namespace Broadsheet.Articles;

// Which published articles a list page shows: the whole paper (home, /page/N/), a section (its
// own articles and those also filed under it), a tag or an author. Each kind is one fixed SQL
// text, run through PageReads: these pages run on every uncached view, and EF could neither
// compile the Published() filters (dotnet/efcore#18182) nor shape rows as cheaply. Same rule,
// order and columns as ArticleQueries' Published(), NewestFirst() and ToSummaries().
public sealed record ArticleList
{
    private ArticleList(string sql, int? id) => (Sql, Id) = (sql, id);

    internal string Sql { get; }
    internal int? Id { get; }

    public static readonly ArticleList Everything = new(PageSql(""), null);

    public static ArticleList InSection(int categoryId) => new(SectionSql, categoryId);

    public static ArticleList Tagged(int tagId) => new(TagSql, tagId);

    public static ArticleList ByAuthor(int authorId) => new(AuthorSql, authorId);

    // Published posts, newest first, one page of them plus one more (which tells whether an older
    // page exists): @p0 is now, @p1 how many, @p2 how many to skip, @p3 the section, tag or author.
    internal Task<List<ArticleSummary>> PageAsync(BroadsheetDb db, DateTime utcNow, int take, long skip,
        CancellationToken cancellationToken) =>
        PageReads.ListAsync(db, Sql, Id is { } id ? [utcNow, take, skip, id] : [utcNow, take, skip], ReadSummary, cancellationToken);

    // A section's archive lists its secondary articles too: one lookup in the (ArticleId,
    // CategoryId) key per article the index walk meets, the same plan as InSection()'s.
    private static readonly string SectionSql = PageSql("""
        AND (a."CategoryId" = @p3 OR EXISTS (SELECT 1 FROM "ArticleCategories" AS s WHERE s."ArticleId" = a."Id" AND s."CategoryId" = @p3))
        """);

    private static readonly string TagSql = PageSql("""
        AND EXISTS (SELECT 1 FROM "ArticleTags" AS t WHERE t."ArticlesId" = a."Id" AND t."TagsId" = @p3)
        """);

    private static readonly string AuthorSql = PageSql("""AND a."AuthorId" = @p3""");

    // The page's ids come from the list index alone (Status, Kind, PublishedAt, Id, …): the rows
    // a deep page skips are never read, and the names and stored comment counts are read for the
    // page's own articles only. SQLite keeps a CROSS JOIN's order; PostgreSQL plans it as a join.
    private static string PageSql(string filter) => $$"""
        SELECT r."Id", r."Title", r."Slug", r."Excerpt", r."PublishedAt", au."Name", au."Slug", c."Name", c."Slug",
               r."ApprovedCommentCount"
        FROM (SELECT a."Id", a."PublishedAt" FROM "Articles" AS a
              WHERE a."Status" = '{{nameof(ArticleStatus.Published)}}' AND a."Kind" = '{{nameof(ArticleKind.Post)}}'
                AND a."PublishedAt" <= @p0 {{filter}}
              ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT @p1 OFFSET @p2) AS p
        CROSS JOIN "Articles" AS r
        CROSS JOIN "Authors" AS au
        CROSS JOIN "Categories" AS c
        WHERE r."Id" = p."Id" AND au."Id" = r."AuthorId" AND c."Id" = r."CategoryId"
        ORDER BY p."PublishedAt" DESC, p."Id" DESC
        """;

    private static ArticleSummary ReadSummary(System.Data.Common.DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Title = reader.GetString(1),
        Slug = reader.GetString(2),
        Excerpt = reader.GetString(3),
        PublishedAt = reader.UtcDateTime(4),
        AuthorName = reader.GetString(5),
        AuthorSlug = reader.GetString(6),
        CategoryName = reader.GetString(7),
        CategorySlug = reader.GetString(8),
        CommentCount = reader.GetInt32(9),
    };
}
