using Microsoft.Extensions.Caching.Memory;

namespace Broadsheet.Caching;

// The in-process tier in front of the shared Redis store: a page this node has served before is
// answered from memory, as fast as the single-node cache. It can be evicted by tag (like the
// framework's memory store) and, unlike it, emptied at once when this node may have missed
// evictions. The tag index forgets a page when memory drops it, so it never outgrows the cache.
internal sealed class LocalPageTier(long sizeLimit) : IDisposable
{
    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = sizeLimit });
    private readonly Dictionary<string, HashSet<string>> _keysByTag = [];
    private readonly Lock _lock = new();

    public byte[]? Get(string key) => _pages.Get(key) as byte[];

    public void Set(string key, byte[] page, IReadOnlyCollection<string> tags, TimeSpan validFor)
    {
        var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = page.Length };
        options.RegisterPostEvictionCallback((evictedKey, evicted, reason, _) =>
        {
            if (reason != EvictionReason.Replaced)
            {
                Forget((string)evictedKey, evicted, tags);
            }
        });
        lock (_lock)
        {
            foreach (var tag in tags)
            {
                if (!_keysByTag.TryGetValue(tag, out var keys))
                {
                    _keysByTag[tag] = keys = [];
                }
                keys.Add(key);
            }
            _pages.Set(key, page, options);
        }
    }

    public void EvictByTag(string tag)
    {
        lock (_lock)
        {
            if (_keysByTag.Remove(tag, out var keys))
            {
                foreach (var key in keys)
                {
                    _pages.Remove(key);
                }
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _keysByTag.Clear();
            _pages.Clear();
        }
    }

    // Eviction callbacks run later, on another thread: by then the key may hold a newer page
    // whose tags must stay.
    private void Forget(string key, object? evicted, IReadOnlyCollection<string> tags)
    {
        lock (_lock)
        {
            if (_pages.TryGetValue(key, out var current) && !ReferenceEquals(current, evicted))
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

    public void Dispose() => _pages.Dispose();
}
