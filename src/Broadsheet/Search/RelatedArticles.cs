using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;

namespace Broadsheet.Search;

public sealed record RelatedReading(IReadOnlyList<RelatedLink> Related, RelatedLink? Previous, RelatedLink? Next);

// What a link to another article needs: its title and permalink.
public sealed record RelatedLink(int Id, string Title, string Slug, DateTime PublishedAt);

// What to read next under an article: articles sharing its tags (and section) first, then those
// whose text is most alike (full-text index), then the section's latest; and the previous and
// next articles of its section. Published articles only. Usually two queries: the tag matches,
// and both neighbours.
public sealed class RelatedArticles(BroadsheetDb db, IArticleSearch search, SiteClock clock)
{
    public const int Count = 4;

    // Candidates per tag, newest first: a common tag is carried by tens of thousands of articles,
    // and ranking them all took a second on a site of 100,000. The best matches are almost always
    // among the latest few hundred, and an article has few tags, so this bounds the work. A
    // candidate's shared tags are counted within these windows, not over all its tags.
    private const int CandidatesPerTag = 200;
    private const int TagsConsidered = 10;

    public async Task<RelatedReading> ForAsync(Article article, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var related = await SharingTagsAsync(article, now, cancellationToken);
        if (related.Count < Count)
        {
            var similar = await search.SimilarAsync($"{article.Title} {article.Excerpt}", [article.Id, .. related.Select(r => r.Id)],
                Count - related.Count, cancellationToken);
            if (similar.Count > 0)
            {
                var links = await LinksAsync(similar, now, cancellationToken);
                related.AddRange(similar.Where(links.ContainsKey).Select(id => links[id]));
            }
        }
        if (related.Count < Count)
        {
            related.AddRange(await SectionLatestAsync(article, [.. related.Select(r => r.Id)], now, Count - related.Count, cancellationToken));
        }
        var (previous, next) = await NeighboursAsync(article, now, cancellationToken);
        return new RelatedReading(related, previous, next);
    }

    // Ranked from the join table alone: a candidate's score is the number of the article's tags
    // whose newest articles it is among, so each tag costs one walk of its index and nothing per
    // candidate. Only a shortlist is looked up in Articles (each lookup reads past the bodies to the
    // status, on a large site the cost of the page), whatever the site's size. When drafts or
    // scheduled articles fill the shortlist, the whole of the candidates is looked up instead.
    private async Task<List<RelatedLink>> SharingTagsAsync(Article article, DateTime now, CancellationToken cancellationToken)
    {
        var tagIds = article.Tags.Select(t => t.Id).Order().Take(TagsConsidered).ToList();
        if (tagIds.Count == 0)
        {
            return [];
        }
        var shortlist = await ShortlistAsync(tagIds, article, now, Shortlist, cancellationToken);
        if (shortlist.Count(l => l is not null) < Count && shortlist.Count == Shortlist)
        {
            shortlist = await ShortlistAsync(tagIds, article, now, CandidatesPerTag * tagIds.Count, cancellationToken);
        }
        return [.. shortlist.OfType<RelatedLink>().Take(Count)];
    }

    private const int Shortlist = 3 * Count;

    // One row per shortlisted candidate, the published posts first in their order; null for the others.
    private Task<List<RelatedLink?>> ShortlistAsync(List<int> tagIds, Article article, DateTime now, int size,
        CancellationToken cancellationToken)
    {
        var slots = tagIds.Count;
        var values = new object?[slots + 4];
        tagIds.Select(id => (object?)id).ToList().CopyTo(values);
        (values[slots], values[slots + 1], values[slots + 2], values[slots + 3]) = (article.Id, article.CategoryId, now, size);
        return PageReads.ListAsync(db, SharingTagsSql[slots], values,
            static reader => reader.IsDBNull(1) ? null
                : new RelatedLink(reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.UtcDateTime(4)),
            cancellationToken);
    }

    // Written once for each number of tags: ten slots where an article has two or three made the
    // preparing the cost. Ties in the shortlist go to the newest ids, as the candidates are chosen;
    // the section and the publication time order the shortlist. The shortlist is a subquery so that
    // SQLite looks up only its rows (it keeps a LEFT JOIN's order), and PostgreSQL alike.
    private static readonly string[] SharingTagsSql = [.. Enumerable.Range(0, TagsConsidered + 1).Select(SharingTagsQuery)];

    private static string SharingTagsQuery(int tagCount)
    {
        if (tagCount == 0)
        {
            return "";
        }
        var slots = Enumerable.Range(0, tagCount).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var candidates = string.Join("\n        UNION ALL\n", slots.Select((slot, i) => $$"""
                    SELECT "ArticlesId" FROM (SELECT "ArticlesId" FROM "ArticleTags" WHERE "TagsId" = {{slot}}
                        ORDER BY "ArticlesId" DESC LIMIT {{CandidatesPerTag}}) AS "t{{i}}"
            """));
        var (article, category, now, size) = ($"@p{tagCount}", $"@p{tagCount + 1}", $"@p{tagCount + 2}", $"@p{tagCount + 3}");
        return $$"""
            SELECT s."ArticlesId", a."Id", a."Title", a."Slug", a."PublishedAt"
            FROM (SELECT c."ArticlesId", COUNT(*) AS "Shared"
                FROM ({{candidates}}) AS c
                WHERE c."ArticlesId" <> {{article}}
                GROUP BY c."ArticlesId"
                ORDER BY COUNT(*) DESC, c."ArticlesId" DESC
                LIMIT {{size}}) AS s
            LEFT JOIN "Articles" AS a ON a."Id" = s."ArticlesId" AND a."Status" = '{{nameof(ArticleStatus.Published)}}'
                AND a."PublishedAt" <= {{now}} AND a."Kind" = '{{nameof(ArticleKind.Post)}}'
            ORDER BY CASE WHEN a."Id" IS NULL THEN 1 ELSE 0 END, s."Shared" * 2 + CASE WHEN a."CategoryId" = {{category}} THEN 1 ELSE 0 END DESC,
                a."PublishedAt" DESC, a."Id" DESC
            """;
    }

    // The published ones among the articles the full-text index found alike, by id: a fixed
    // statement (PageReads) for each number of ids up to Count, the most it is asked for.
    private async Task<Dictionary<int, RelatedLink>> LinksAsync(IReadOnlyList<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        var links = new Dictionary<int, RelatedLink>();
        foreach (var chunk in ids.Chunk(Count))
        {
            foreach (var link in await PageReads.ListAsync(db, LinksSql[chunk.Length], [.. chunk.Select(id => (object?)id), now], ReadLink, cancellationToken))
            {
                links[link.Id] = link;
            }
        }
        return links;
    }

    private static readonly string[] LinksSql = [.. Enumerable.Range(0, Count + 1).Select(n => n == 0 ? "" : $$"""
        SELECT a."Id", a."Title", a."Slug", a."PublishedAt" FROM "Articles" AS a
        WHERE a."Id" IN ({{Slots(0, n)}}) AND {{PublishedRule($"@p{n}")}}
        """)];

    // The section's latest, the last resort: Published(now) and NewestFirst() spelled
    // out, one statement for each number of links already shown (fewer than Count).
    private Task<List<RelatedLink>> SectionLatestAsync(Article article, int[] shown, DateTime now, int take,
        CancellationToken cancellationToken) =>
        PageReads.ListAsync(db, SectionLatestSql[shown.Length], [article.CategoryId, article.Id, now, take, .. shown.Select(id => (object?)id)],
            ReadLink, cancellationToken);

    private static readonly string[] SectionLatestSql = [.. Enumerable.Range(0, Count).Select(n => $$"""
        SELECT a."Id", a."Title", a."Slug", a."PublishedAt" FROM "Articles" AS a
        WHERE a."CategoryId" = @p0 AND a."Id" <> @p1 AND {{PublishedRule("@p2")}}{{(n == 0 ? "" : $" AND a.\"Id\" NOT IN ({Slots(4, n)})")}}
        ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT @p3
        """)];

    private static string PublishedRule(string now) =>
        $"a.\"Status\" = '{nameof(ArticleStatus.Published)}' AND a.\"PublishedAt\" <= {now} AND a.\"Kind\" = '{nameof(ArticleKind.Post)}'";

    private static string Slots(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));

    private static RelatedLink ReadLink(System.Data.Common.DbDataReader reader) =>
        new(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.UtcDateTime(3));

    // The section's previous and next articles, both in one round trip (each an index seek).
    private async Task<(RelatedLink? Previous, RelatedLink? Next)> NeighboursAsync(Article article, DateTime now,
        CancellationToken cancellationToken)
    {
        var at = article.PublishedAt!.Value;
        var both = await PageReads.ListAsync(db, NeighboursSql, [article.CategoryId, article.Id, at, now],
            static reader => new RelatedLink(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.UtcDateTime(3)),
            cancellationToken);
        bool IsBefore(RelatedLink l) => l.PublishedAt < at || (l.PublishedAt == at && l.Id < article.Id);
        return (both.FirstOrDefault(IsBefore), both.FirstOrDefault(l => !IsBefore(l)));
    }

    // Published() spelled out as a fixed statement (PageReads), run on every view.
    private const string NeighboursSql = $$"""
        SELECT "Id", "Title", "Slug", "PublishedAt" FROM (
            SELECT a."Id", a."Title", a."Slug", a."PublishedAt" FROM "Articles" AS a
            WHERE a."CategoryId" = @p0 AND a."Status" = '{{nameof(ArticleStatus.Published)}}' AND a."PublishedAt" <= @p3
              AND a."Kind" = '{{nameof(ArticleKind.Post)}}' AND (a."PublishedAt" < @p2 OR (a."PublishedAt" = @p2 AND a."Id" < @p1))
            ORDER BY a."PublishedAt" DESC, a."Id" DESC LIMIT 1) AS "Previous"
        UNION ALL
        SELECT "Id", "Title", "Slug", "PublishedAt" FROM (
            SELECT a."Id", a."Title", a."Slug", a."PublishedAt" FROM "Articles" AS a
            WHERE a."CategoryId" = @p0 AND a."Status" = '{{nameof(ArticleStatus.Published)}}' AND a."PublishedAt" <= @p3
              AND a."Kind" = '{{nameof(ArticleKind.Post)}}' AND (a."PublishedAt" > @p2 OR (a."PublishedAt" = @p2 AND a."Id" > @p1))
            ORDER BY a."PublishedAt", a."Id" LIMIT 1) AS "Next"
        """;
}
