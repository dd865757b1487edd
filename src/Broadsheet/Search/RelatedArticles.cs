using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Search;

public sealed record RelatedReading(IReadOnlyList<ArticleSummary> Related, ArticleSummary? Previous, ArticleSummary? Next);

// What to read next under an article: articles sharing its tags (and section) first, then those
// whose text is most alike (full-text index), then the section's latest; and the previous and
// next articles of its section. Published articles only.
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
        var published = db.Articles.Published(clock.UtcNow);
        var tagIds = article.Tags.Select(t => t.Id).Order().Take(TagsConsidered).ToList();
        var candidates = new List<int>();
        foreach (var tagId in tagIds)
        {
            candidates.AddRange(await NewestWithTag(db, tagId, CandidatesPerTag).ToListAsync(cancellationToken));
        }
        var chosen = await published
            .Where(a => candidates.Contains(a.Id) && a.Id != article.Id && a.Tags.Any(t => tagIds.Contains(t.Id)))
            .OrderByDescending(a => a.Tags.Count(t => tagIds.Contains(t.Id)) * 2 + (a.CategoryId == article.CategoryId ? 1 : 0))
            .ThenByDescending(a => a.PublishedAt)
            .Select(a => a.Id).Take(Count).ToListAsync(cancellationToken);
        if (chosen.Count < Count)
        {
            chosen.AddRange(await search.SimilarAsync($"{article.Title} {article.Excerpt}", [article.Id, .. chosen],
                Count - chosen.Count, cancellationToken));
        }
        if (chosen.Count < Count)
        {
            chosen.AddRange(await published.Where(a => a.CategoryId == article.CategoryId && a.Id != article.Id && !chosen.Contains(a.Id))
                .NewestFirst().Select(a => a.Id).Take(Count - chosen.Count).ToListAsync(cancellationToken));
        }
        var summaries = await published.Where(a => chosen.Contains(a.Id)).ToSummaries().ToDictionaryAsync(a => a.Id, cancellationToken);
        var section = published.Where(a => a.CategoryId == article.CategoryId && a.Id != article.Id);
        var at = article.PublishedAt!.Value;
        var previous = await section.Where(a => a.PublishedAt < at || (a.PublishedAt == at && a.Id < article.Id))
            .NewestFirst().ToSummaries().FirstOrDefaultAsync(cancellationToken);
        var next = await section.Where(a => a.PublishedAt > at || (a.PublishedAt == at && a.Id > article.Id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).ToSummaries().FirstOrDefaultAsync(cancellationToken);
        return new RelatedReading([.. chosen.Where(summaries.ContainsKey).Select(id => summaries[id])], previous, next);
    }

    // The most recently added articles (highest ids) carrying the tag: the (TagsId, ArticlesId)
    // index of the join table, walked backwards.
    private static IQueryable<int> NewestWithTag(BroadsheetDb db, int tagId, int count) =>
        db.Set<Dictionary<string, object>>("ArticleTags")
            .Where(join => EF.Property<int>(join, "TagsId") == tagId)
            .Select(join => EF.Property<int>(join, "ArticlesId"))
            .OrderByDescending(id => id)
            .Take(count);
}
