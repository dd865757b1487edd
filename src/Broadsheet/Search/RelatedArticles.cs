using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

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
    // among the latest few hundred, and an article has few tags, so this bounds the work.
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
                var links = await Links(db, similar, now).ToDictionaryAsync(l => l.Id, cancellationToken);
                related.AddRange(similar.Where(links.ContainsKey).Select(id => links[id]));
            }
        }
        if (related.Count < Count)
        {
            var shown = related.Select(r => r.Id).ToList();
            related.AddRange(await db.Articles.Published(now)
                .Where(a => a.CategoryId == article.CategoryId && a.Id != article.Id && !shown.Contains(a.Id))
                .NewestFirst().Take(Count - related.Count).ToLinks().ToListAsync(cancellationToken));
        }
        var (previous, next) = await NeighboursAsync(article, now, cancellationToken);
        return new RelatedReading(related, previous, next);
    }

    // The candidates (each tag's newest articles, one index walk per tag) and their ranking in one
    // query, written once for each number of tags: SQLite prepares a statement anew at every
    // execution, and ten slots where an article has two or three made the preparing the cost.
    private Task<List<RelatedLink>> SharingTagsAsync(Article article, DateTime now, CancellationToken cancellationToken)
    {
        var tagIds = article.Tags.Select(t => t.Id).Order().Take(TagsConsidered).ToList();
        if (tagIds.Count == 0)
        {
            return Task.FromResult(new List<RelatedLink>());
        }
        var slots = tagIds.Count;
        var values = new object?[slots + 3];
        tagIds.Select(id => (object?)id).ToList().CopyTo(values);
        (values[slots], values[slots + 1], values[slots + 2]) = (article.Id, article.CategoryId, now);
        return PageReads.ListAsync(db, SharingTagsSql[slots], values,
            static reader => new RelatedLink(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.UtcDateTime(3)),
            cancellationToken);
    }

    // Starts from the candidates: SQLite keeps a CROSS JOIN's order, and without ANALYZE
    // statistics it would otherwise walk every published article through the status index
    // (seconds on a site of 100,000). PostgreSQL plans a CROSS JOIN with a WHERE as a join.
    // Each candidate carries one of the tags, so its score needs only the join table.
    private static readonly string[] SharingTagsSql = [.. Enumerable.Range(0, TagsConsidered + 1).Select(SharingTagsQuery)];

    private static string SharingTagsQuery(int tagCount)
    {
        if (tagCount == 0)
        {
            return "";
        }
        var slots = Enumerable.Range(0, tagCount).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var candidates = string.Join("\n    UNION\n", slots.Select((slot, i) => $$"""
                SELECT "ArticlesId" FROM (SELECT "ArticlesId" FROM "ArticleTags" WHERE "TagsId" = {{slot}}
                    ORDER BY "ArticlesId" DESC LIMIT {{CandidatesPerTag}}) AS "t{{i}}"
            """));
        var (article, category, now) = ($"@p{tagCount}", $"@p{tagCount + 1}", $"@p{tagCount + 2}");
        return $$"""
            SELECT a."Id", a."Title", a."Slug", a."PublishedAt"
            FROM ({{candidates}}) AS c
            CROSS JOIN "Articles" AS a
            WHERE a."Id" = c."ArticlesId" AND a."Status" = '{{nameof(ArticleStatus.Published)}}' AND a."PublishedAt" <= {{now}}
              AND a."Kind" = '{{nameof(ArticleKind.Post)}}' AND a."Id" <> {{article}}
            ORDER BY (SELECT COUNT(*) FROM "ArticleTags" AS j WHERE j."ArticlesId" = a."Id" AND j."TagsId" IN ({{string.Join(", ", slots)}})) * 2
                + CASE WHEN a."CategoryId" = {{category}} THEN 1 ELSE 0 END DESC, a."PublishedAt" DESC
            LIMIT {{Count}}
            """;
    }

    private static IQueryable<RelatedLink> Links(BroadsheetDb db, IReadOnlyList<int> ids, DateTime now) =>
        db.Articles.Published(now).Where(a => ids.Contains(a.Id)).ToLinks();

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

    // Published() and ToLinks() spelled out as a fixed statement (PageReads), run on every view.
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

public static class RelatedLinkQueries
{
    public static IQueryable<RelatedLink> ToLinks(this IQueryable<Article> articles) =>
        articles.Select(a => new RelatedLink(a.Id, a.Title, a.Slug, a.PublishedAt!.Value));
}
