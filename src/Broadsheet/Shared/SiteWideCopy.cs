using Broadsheet.Caching;
using Broadsheet.Data;

namespace Broadsheet.Shared;

// A copy of a few site-wide rows that reader pages need on every request (the sections, the
// bylines), kept in memory: read again after any write that changes lists or every page
// (ListChanges), and at the latest after Lifetime, for writes this node cannot hear of (another
// node without Redis, a command-line import). While the database is away, the last copy stays.
public sealed class SiteWideCopy<T>(ListChanges changes, TimeProvider time, IServiceScopeFactory scopes,
    Func<BroadsheetDb, CancellationToken, Task<T>> load) where T : class
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private sealed record Copy(T Value, long Version, DateTimeOffset LoadedAt);

    private volatile Copy? _copy;

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var copy = _copy;
        return copy is not null && copy.Version == changes.Version && time.GetUtcNow() - copy.LoadedAt < Lifetime
            ? ValueTask.FromResult(copy.Value)
            : new ValueTask<T>(LoadAsync(copy, cancellationToken));
    }

    private async Task<T> LoadAsync(Copy? stale, CancellationToken cancellationToken)
    {
        // The version is read before the rows: a write that lands meanwhile makes the next request read again.
        var version = changes.Version;
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var value = await load(scope.ServiceProvider.GetRequiredService<BroadsheetDb>(), cancellationToken);
            _copy = new Copy(value, version, time.GetUtcNow());
            return value;
        }
        catch (Exception e) when (stale is not null && DatabaseOutage.IsOutage(e))
        {
            return stale.Value;
        }
    }
}
