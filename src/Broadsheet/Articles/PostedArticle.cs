using System.Data.Common;
using Broadsheet.Data;

namespace Broadsheet.Articles;

// The article a comment is posted to: its own row only (byline, section and tags are read when
// the form is shown again). A fixed statement (PageReads) rather than EF, since it runs for every
// comment posted: on SQLite it runs on a kept connection, and a post that is stored never needs
// the request's DbContext at all, whose services EF would otherwise build for this one read.
internal static class PostedArticle
{
    public static async Task<Article?> ReadAsync(BroadsheetDb db, string slug, bool pagesOnly, CancellationToken cancellationToken) =>
        (await PageReads.ListAsync(db, RowSql, [slug, pagesOnly ? nameof(ArticleKind.Page) : null], Row, cancellationToken))
            is [var article] ? article : null;

    private const string RowSql = """
        SELECT a."Id", a."Title", a."Slug", a."BodyMarkdown", a."BodyHtml", a."Excerpt", a."Status", a."PublishedAt",
               a."UpdatedAt", a."AreCommentsOpen", a."AuthorId", a."CategoryId", a."WordPressId", a."IsSticky", a."Kind",
               a."FeaturedImageUrl", a."ParentId", a."PagePath", a."Version", a."FeaturedMediaId", a."FeaturedImageAlt",
               a."ApprovedCommentCount", a."ThreadRootCount"
        FROM "Articles" AS a
        WHERE a."Slug" = @p0 AND (@p1 IS NULL OR a."Kind" = @p1)
        LIMIT 1
        """;

    private static Article Row(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0), Title = reader.GetString(1), Slug = reader.GetString(2), BodyMarkdown = reader.GetString(3),
        BodyHtml = reader.GetString(4), Excerpt = reader.GetString(5), Status = Enum.Parse<ArticleStatus>(reader.GetString(6)),
        PublishedAt = reader.IsDBNull(7) ? null : reader.UtcDateTime(7), UpdatedAt = reader.UtcDateTime(8),
        AreCommentsOpen = reader.GetBoolean(9), AuthorId = reader.GetInt32(10), CategoryId = reader.GetInt32(11),
        WordPressId = reader.NullableInt32(12), IsSticky = reader.GetBoolean(13), Kind = Enum.Parse<ArticleKind>(reader.GetString(14)),
        FeaturedImageUrl = reader.NullableString(15), ParentId = reader.NullableInt32(16), PagePath = reader.NullableString(17),
        Version = reader.GetInt32(18), FeaturedMediaId = reader.NullableInt32(19), FeaturedImageAlt = reader.NullableString(20),
        ApprovedCommentCount = reader.GetInt32(21), ThreadRootCount = reader.GetInt32(22),
    };
}
