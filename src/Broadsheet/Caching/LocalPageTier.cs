using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Broadsheet.Caching;

// The node's own memory of cached pages: the output cache's store on a single node, and the tier
// in front of the shared Redis store (RedisPageStore) on several. It can be evicted by tag and
// emptied at once when this node may have missed evictions; the tag index forgets a page when
// memory drops it, so it never outgrows the cache. Beside each stored page it may hold its ready
// answer (ReadyPage), which readers get before the framework's output cache runs at all: it lives
// and dies with the stored page, so every eviction (a write here, the Redis channel, a reconnect)
// drops both at once. A page is kept only if no eviction came while it was rendered or fetched.
internal sealed class LocalPageTier(long sizeLimit) : IOutputCacheStore, IDisposable
{
    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = sizeLimit });
    private readonly Dictionary<string, HashSet<string>> _keysByTag = [];
    private readonly ConcurrentDictionary<string, ReadyPage> _ready = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _generation;

    // Moves with every eviction and every clearing.
    public long Generation => Interlocked.Read(ref _generation);

    public byte[]? Get(string key)
    {
        if (_pages.Get(key) is not StoredPage stored)
        {
            return null;
        }
        PageInFlight.Current?.Saw(key, stored);
        return stored.Bytes;
    }

    // Refused (false) when an eviction came after `since` (the generation read before the page
    // was fetched) or after the request that rendered it began: the page may show what was evicted.
    public bool Set(string key, byte[] page, IReadOnlyCollection<string> tags, TimeSpan validFor, long? since = null)
    {
        var inFlight = PageInFlight.Current;
        var stored = new StoredPage(page, Environment.TickCount64 + (long)validFor.TotalMilliseconds);
        var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = page.Length };
        options.RegisterPostEvictionCallback((evictedKey, evicted, reason, _) => Forget((string)evictedKey, (StoredPage)evicted!, tags, reason));
        lock (_lock)
        {
            if ((since is { } generation && generation != _generation) || (inFlight is not null && inFlight.Generation != _generation))
            {
                return false;
            }
            foreach (var tag in tags)
            {
                if (!_keysByTag.TryGetValue(tag, out var keys))
                {
                    _keysByTag[tag] = keys = [];
                }
                keys.Add(key);
            }
            if (_pages.Get(key) is StoredPage replaced)
            {
                DropReady(replaced);
            }
            _pages.Set(key, stored, options);
        }
        inFlight?.Saw(key, stored);
        return true;
    }

    // The ready answer of the page this request rendered or read, kept if that page is still the
    // one stored under its key and nothing was evicted since the request began.
    public bool Keep(PageInFlight inFlight, ReadyPage ready)
    {
        lock (_lock)
        {
            if (inFlight.Key is not { } key || inFlight.Generation != _generation
                || _pages.Get(key) is not StoredPage stored || !ReferenceEquals(stored, inFlight.Stored) || stored.Ready is not null)
            {
                return false;
            }
            ready.ExpiresAt = stored.ExpiresAt;
            stored.Ready = ready;
            _ready[ready.Address] = ready;
            return true;
        }
    }

    // How many pages are ready to answer (tests).
    internal int ReadyPageCount => _ready.Count;

    public ReadyPage? Ready(ReadOnlySpan<char> address) =>
        _ready.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(address, out var ready) && ready.IsFresh ? ready : null;

    public void EvictByTag(string tag)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _generation);
            if (_keysByTag.Remove(tag, out var keys))
            {
                foreach (var key in keys)
                {
                    if (_pages.Get(key) is StoredPage stored)
                    {
                        DropReady(stored);
                    }
                    _pages.Remove(key);
                }
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _generation);
            _ready.Clear();
            _keysByTag.Clear();
            _pages.Clear();
        }
    }

    private void DropReady(StoredPage stored)
    {
        if (stored.Ready is { } ready)
        {
            _ready.TryRemove(KeyValuePair.Create(ready.Address, ready));
        }
    }

    // Eviction callbacks run later, on another thread: by then the key may hold a newer page
    // whose tags must stay.
    private void Forget(string key, StoredPage evicted, IReadOnlyCollection<string> tags, EvictionReason reason)
    {
        lock (_lock)
        {
            DropReady(evicted);
            if (reason == EvictionReason.Replaced || (_pages.Get(key) is { } current && !ReferenceEquals(current, evicted)))
            {
                return;
            }
            foreach (var tag in tags)
            {
                if (_keysByTag.TryGetValue(tag, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _keysByTag.Remove(tag);
                }
            }
        }
    }

    ValueTask<byte[]?> IOutputCacheStore.GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Get(key));

    ValueTask IOutputCacheStore.SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        Set(key, value, tags ?? [], validFor);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCacheStore.EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        EvictByTag(tag);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _pages.Dispose();

    // The output cache's serialized entry, and the ready answer made from it once a reader got it.
    internal sealed class StoredPage(byte[] bytes, long expiresAt)
    {
        public byte[] Bytes { get; } = bytes;

        public long ExpiresAt { get; } = expiresAt;

        public ReadyPage? Ready { get; set; }
    }
}
