using System.Collections.Frozen;
using Broadsheet.Caching;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Taxonomy;

// The paper's sections, kept in memory (SiteWideCopy): the masthead of every page lists the
// top-level ones that have articles, and a section's archive finds its own by slug, neither
// asking the database.
public sealed class SectionList(ListChanges changes, TimeProvider time, IServiceScopeFactory scopes)
{
    public sealed record Section(int Id, string Name, string Slug, string Description);

    private sealed record Sections(IReadOnlyList<Section> Masthead, FrozenDictionary<string, Section> BySlug);

    private readonly SiteWideCopy<Sections> _copy = new(changes, time, scopes, LoadAsync);

    public async ValueTask<IReadOnlyList<Section>> MastheadAsync(CancellationToken cancellationToken) =>
        (await _copy.GetAsync(cancellationToken)).Masthead;

    public async ValueTask<Section?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await _copy.GetAsync(cancellationToken)).BySlug.GetValueOrDefault(slug);

    private static async Task<Sections> LoadAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        var all = await db.Categories
            .OrderBy(c => c.Name)
            .Select(c => new
            {
                Section = new Section(c.Id, c.Name, c.Slug, c.Description),
                IsTopLevel = c.ParentId == null,
                HasArticles = db.Articles.Any(a => a.CategoryId == c.Id),
            })
            .ToListAsync(cancellationToken);
        return new Sections(
            [.. all.Where(c => c.IsTopLevel && c.HasArticles).Select(c => c.Section)],
            all.ToFrozenDictionary(c => c.Section.Slug, c => c.Section, StringComparer.Ordinal));
    }
}
