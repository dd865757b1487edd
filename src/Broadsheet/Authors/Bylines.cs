using System.Collections.Frozen;
using Broadsheet.Caching;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Authors;

// The newsroom's authors, kept in memory (SiteWideCopy): an author's archive finds its byline by
// slug without asking the database.
public sealed class Bylines(ListChanges changes, TimeProvider time, IServiceScopeFactory scopes)
{
    public sealed record Byline(int Id, string Name, string Slug, string Bio);

    private readonly SiteWideCopy<FrozenDictionary<string, Byline>> _copy = new(changes, time, scopes, LoadAsync);

    public async ValueTask<Byline?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await _copy.GetAsync(cancellationToken)).GetValueOrDefault(slug);

    private static async Task<FrozenDictionary<string, Byline>> LoadAsync(BroadsheetDb db, CancellationToken cancellationToken) =>
        (await db.Authors.Select(a => new Byline(a.Id, a.Name, a.Slug, a.Bio)).ToListAsync(cancellationToken))
            .ToFrozenDictionary(a => a.Slug, StringComparer.Ordinal);
}
