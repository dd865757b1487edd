using System.Collections.Frozen;
using Broadsheet.Caching;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Taxonomy;

// The paper's sections, kept in memory: the masthead of every page lists the top-level ones that
// have articles, and a section's archive finds its own by slug, neither asking the database. The
// copy is read again after any write that changes lists (ListChanges), and at the latest after
// Lifetime, for writes this node cannot hear of (another node without Redis, a command-line
// import). While the database is away, the last copy stays in force.
public sealed class SectionList(ListChanges changes, TimeProvider time, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public sealed record Section(int Id, string Name, string Slug, string Description);

    private sealed record Copy(IReadOnlyList<Section> Masthead, FrozenDictionary<string, Section> BySlug, long Version, DateTimeOffset LoadedAt);

    private volatile Copy? _copy;

    public async ValueTask<IReadOnlyList<Section>> MastheadAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Masthead;

    public async ValueTask<Section?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).BySlug.GetValueOrDefault(slug);

    private ValueTask<Copy> CurrentAsync(CancellationToken cancellationToken)
    {
        var copy = _copy;
        return copy is not null && copy.Version == changes.Version && time.GetUtcNow() - copy.LoadedAt < Lifetime
            ? ValueTask.FromResult(copy)
            : new ValueTask<Copy>(LoadAsync(copy, cancellationToken));
    }

    private async Task<Copy> LoadAsync(Copy? stale, CancellationToken cancellationToken)
    {
        // The version is read before the rows: a write that lands meanwhile makes the next request read again.
        var version = changes.Version;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        try
        {
            var all = await db.Categories
                .OrderBy(c => c.Name)
                .Select(c => new { Section = new Section(c.Id, c.Name, c.Slug, c.Description), IsTopLevel = c.ParentId == null, HasArticles = db.Articles.Any(a => a.CategoryId == c.Id) })
                .ToListAsync(cancellationToken);
            var copy = new Copy(
                [.. all.Where(c => c.IsTopLevel && c.HasArticles).Select(c => c.Section)],
                all.ToFrozenDictionary(c => c.Section.Slug, c => c.Section, StringComparer.Ordinal),
                version, time.GetUtcNow());
            _copy = copy;
            return copy;
        }
        catch (Exception e) when (stale is not null && DatabaseOutage.IsOutage(e))
        {
            return stale;
        }
    }
}
