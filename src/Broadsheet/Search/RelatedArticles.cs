using System.Buffers;
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
// next articles of its section. Published articles only. Usually two queries: the published among
// the best of the tags' newest ids (kept in memory, TagWindows), and both neighbours.
public sealed class RelatedArticles(BroadsheetDb db, IArticleSearch search, SiteClock clock, TagWindows tagWindows)
{
    public const int Count = 4;

    private const int TagsConsidered = TagWindows.MostTagsAsked;

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
    // whose newest articles (TagWindows) it is among, counted and ranked here: on a site of
    // 100,000 SQLite's grouping and sorting of the ~600 ids cost about twice this. Only a
    // shortlist is looked up in Articles (each lookup reads past the bodies to the status, on a
    // large site the cost of the page), whatever the site's size. When drafts or scheduled
    // articles fill the shortlist, the rest of the candidates is looked up too, a shortlist at a
    // time, until no later one can rank higher.
    private async Task<List<RelatedLink>> SharingTagsAsync(Article article, DateTime now, CancellationToken cancellationToken)
    {
        var tagIds = article.Tags.Select(t => t.Id).Order().Take(TagsConsidered).ToList();
        if (tagIds.Count == 0)
        {
            return [];
        }
        var windows = await tagWindows.ForAsync(db, tagIds, cancellationToken);
        // Pooled: a large site's windows give some 600 candidates, and a new array for them each view
        // was a cost of the page that grew with the site.
        var candidates = 0;
        foreach (var window in windows)
        {
            candidates += window.Length;
        }
        var pooled = ArrayPool<Candidate>.Shared.Rent(candidates);
        try
        {
            var ranked = pooled.AsMemory(0, Rank(windows, article.Id, pooled.AsSpan(0, candidates)));
            var found = new List<Scored>();
            for (var start = 0; start < ranked.Length; start += Shortlist)
            {
                var shortlist = ranked.Slice(start, Math.Min(Shortlist, ranked.Length - start));
                found.AddRange(await PublishedAsync(shortlist, article.CategoryId, now, cancellationToken));
                found.Sort();
                var next = start + Shortlist;
                // The first shortlist decides when it holds enough; after it, the whole of the
                // candidates does, and a later candidate can only tie the last shown on its score
                // (shared tags twice, plus one for the section) when its shared tags are as many.
                if (found.Count >= Count && (start == 0 || next >= ranked.Length || ranked.Span[next].Shared * 2 + 1 < found[Count - 1].Score))
                {
                    break;
                }
            }
            return [.. found.Take(Count).Select(s => s.Link)];
        }
        finally
        {
            ArrayPool<Candidate>.Shared.Return(pooled);
        }
    }

    private const int Shortlist = 3 * Count;

    private readonly record struct Candidate(int Id, int Shared);

    // In the order shown: more shared tags, then the same section, then the newest.
    private readonly record struct Scored(RelatedLink Link, int Score) : IComparable<Scored>
    {
        public int CompareTo(Scored other) =>
            Score != other.Score ? other.Score.CompareTo(Score)
            : Link.PublishedAt != other.Link.PublishedAt ? other.Link.PublishedAt.CompareTo(Link.PublishedAt)
            : other.Link.Id.CompareTo(Link.Id);
    }

    // The candidates by shared tags, most first, ties to the newest id, into ranked; the article
    // itself is none. The windows, each newest first, are merged, each id coming once, newest first,
    // with the number of windows holding it; a counting sort by that number (at most
    // TagsConsidered) then places each after those with more.
    private static int Rank(int[][] windows, int articleId, Span<Candidate> ranked)
    {
        var merged = ArrayPool<Candidate>.Shared.Rent(ranked.Length);
        Span<int> at = stackalloc int[TagsConsidered + 2];
        at.Clear();
        var count = Merge(windows, articleId, merged);
        foreach (var candidate in merged.AsSpan(0, count))
        {
            at[candidate.Shared]++;
        }
        for (int shared = at.Length - 1, placed = 0; shared >= 0; shared--)
        {
            (at[shared], placed) = (placed, placed + at[shared]);
        }
        foreach (var candidate in merged.AsSpan(0, count))
        {
            ranked[at[candidate.Shared]++] = candidate;
        }
        ArrayPool<Candidate>.Shared.Return(merged);
        return count;
    }

    private static int Merge(int[][] windows, int articleId, Candidate[] merged)
    {
        Span<int> next = stackalloc int[windows.Length];
        next.Clear();
        var count = 0;
        while (true)
        {
            var id = -1;
            for (var w = 0; w < windows.Length; w++)
            {
                if (next[w] < windows[w].Length && windows[w][next[w]] > id)
                {
                    id = windows[w][next[w]];
                }
            }
            if (id < 0)
            {
                return count;
            }
            var shared = 0;
            for (var w = 0; w < windows.Length; w++)
            {
                if (next[w] < windows[w].Length && windows[w][next[w]] == id)
                {
                    shared++;
                    next[w]++;
                }
            }
            if (id != articleId)
            {
                merged[count++] = new Candidate(id, shared);
            }
        }
    }

    // The published posts among a shortlist, scored. One statement for any shortlist: its slots
    // left over repeat the first id, which finds no row twice.
    private async Task<List<Scored>> PublishedAsync(ReadOnlyMemory<Candidate> shortlist, int categoryId, DateTime now,
        CancellationToken cancellationToken)
    {
        var values = new object?[Shortlist + 1];
        for (var i = 0; i < Shortlist; i++)
        {
            values[i] = shortlist.Span[i < shortlist.Length ? i : 0].Id;
        }
        values[Shortlist] = now;
        var links = await PageReads.ListAsync(db, PublishedSql, values,
            static reader => (Link: ReadLink(reader), CategoryId: reader.GetInt32(4)), cancellationToken);
        var scored = new List<Scored>(links.Count);
        foreach (var (link, category) in links)
        {
            var shared = 0;
            foreach (var candidate in shortlist.Span)
            {
                if (candidate.Id == link.Id)
                {
                    shared = candidate.Shared;
                    break;
                }
            }
            scored.Add(new Scored(link, shared * 2 + (category == categoryId ? 1 : 0)));
        }
        return scored;
    }

    private static readonly string PublishedSql = $$"""
        SELECT a."Id", a."Title", a."Slug", a."PublishedAt", a."CategoryId" FROM "Articles" AS a
        WHERE a."Id" IN ({{Slots(0, Shortlist)}}) AND {{PublishedRule($"@p{Shortlist}")}}
        """;

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
