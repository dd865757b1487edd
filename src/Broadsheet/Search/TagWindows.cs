using Broadsheet.Articles;
using Broadsheet.Caching;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Broadsheet.Search;

// Each tag's newest article ids, from which RelatedArticles ranks the articles sharing tags, kept
// in memory: on a site of 100,000 reading them on every view (some 600 ids for three common tags)
// was the cost of the article page that grew with the site. A window is read from the join table
// alone, drafts and scheduled articles included (which of them are published is asked at view
// time, against the clock), so only a write to articles or their tags changes it: it is read
// again after a write that moves ListChanges (this node's, or another's through Redis), and at the
// latest after SiteWideCopy.Lifetime, for writes this node cannot hear of. Per tag, when first
// asked, at most RelatedOptions.TagWindowsKept windows (the least used go first).
public sealed class TagWindows(ListChanges changes, TimeProvider time, IOptions<RelatedOptions> options) : IDisposable
{
    // Candidates per tag, newest first: a common tag is carried by tens of thousands of articles,
    // and ranking them all took a second on a site of 100,000. The best matches are almost always
    // among the latest few hundred, and an article has few tags, so this bounds the work. A
    // candidate's shared tags are counted within these windows, not over all its tags.
    public const int CandidatesPerTag = 200;

    public const int MostTagsAsked = 10;

    private sealed record Window(int[] Ids, long Version, DateTimeOffset ReadAt);

    // Each window counts one towards the limit: a full set adds no window until the cache has made
    // room (it drops the least recently used in the background), so it never holds more.
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = options.Value.TagWindowsKept });

    internal int Count => _kept.Count;

    // The windows of the given tags (at most MostTagsAsked), in their order, each newest first.
    public async ValueTask<int[][]> ForAsync(BroadsheetDb db, IReadOnlyList<int> tagIds, CancellationToken cancellationToken)
    {
        // The version is read before the rows: a write that lands meanwhile makes the next view read again.
        var version = changes.Version;
        var now = time.GetUtcNow();
        var windows = new int[tagIds.Count][];
        List<int>? missing = null;
        for (var i = 0; i < tagIds.Count; i++)
        {
            if (_kept.TryGetValue(tagIds[i], out Window? kept) && kept!.Version == version && now - kept.ReadAt < SiteWideCopy<object>.Lifetime)
            {
                windows[i] = kept.Ids;
            }
            else
            {
                (missing ??= []).Add(tagIds[i]);
            }
        }
        if (missing is null)
        {
            return windows;
        }
        var read = await ReadAsync(db, missing, cancellationToken);
        // A read inside a transaction sees its uncommitted writes, which a rollback may take back.
        var isCommitted = db.Database.CurrentTransaction is null;
        for (var i = 0; i < tagIds.Count; i++)
        {
            if (windows[i] is null)
            {
                windows[i] = read.GetValueOrDefault(tagIds[i], []);
                if (isCommitted)
                {
                    _kept.Set(tagIds[i], new Window(windows[i], version, now), new MemoryCacheEntryOptions { Size = 1 });
                }
            }
        }
        return windows;
    }

    private static async Task<Dictionary<int, int[]>> ReadAsync(BroadsheetDb db, List<int> tagIds, CancellationToken cancellationToken)
    {
        var rows = await PageReads.ListAsync(db, WindowsSql[tagIds.Count], [.. tagIds.Select(id => (object?)id)],
            static reader => (Tag: reader.GetInt32(0), Article: reader.GetInt32(1)), cancellationToken);
        // Sorted here, newest first: a UNION ALL promises no order.
        return rows.GroupBy(r => r.Tag).ToDictionary(g => g.Key, g => g.Select(r => r.Article).OrderDescending().ToArray());
    }

    // One statement for each number of tags read at once, each tag one walk of its index.
    private static readonly string[] WindowsSql = [.. Enumerable.Range(0, MostTagsAsked + 1).Select(tagCount => tagCount == 0 ? ""
        : string.Join("\nUNION ALL\n", Enumerable.Range(0, tagCount).Select(i => $$"""
            SELECT "TagsId", "ArticlesId" FROM (SELECT "TagsId", "ArticlesId" FROM "ArticleTags" WHERE "TagsId" = @p{{i}}
                ORDER BY "ArticlesId" DESC LIMIT {{CandidatesPerTag}}) AS "t{{i}}"
            """)))];

    public void Dispose() => _kept.Dispose();
}
