using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Broadsheet.Caching;

// Cached pages shared by every node through Redis, behind the node's memory (LocalPageTier) for
// speed: a page rendered by one node is served by all, and a change on any node evicts its tags
// in Redis and tells every node, over a pub/sub channel, to evict them from memory too.
// In Redis (keys under Caching:RedisPrefix, "broadsheet:" by default):
//   page:{key}  a hash (page bytes, its tags) that expires with the page;
//   tag:{tag}   a sorted set of the page keys carrying the tag, scored by when they expire;
//   evict       the channel on which evicted tags are announced.
// We store pages ourselves rather than through Microsoft.AspNetCore.OutputCaching.StackExchangeRedis:
// its entries do not carry their tags, which the in-process tier needs to be evicted precisely,
// and disposing it closes the connection it was given, which here is shared.
// While Redis is away each node keeps caching in memory, evicted by its own writes only, so pages
// are kept briefly (Caching:PageSecondsWithoutRedis) and the tags it could not evict in Redis are
// evicted there when it returns.
internal sealed partial class RedisPageStore : IOutputCacheStore, IDisposable
{
    private readonly LocalPageTier _local;
    private readonly RedisConnection _redis;
    private readonly string _prefix;
    private readonly RedisChannel _channel;
    private readonly TimeSpan _withoutRedis;
    private readonly ILogger<RedisPageStore> _logger;
    private readonly ListChanges _changes;
    private readonly ConcurrentDictionary<string, byte> _unsentEvictions = new();

    public RedisPageStore(LocalPageTier local, RedisConnection redis, RedisPageOptions options, ILogger<RedisPageStore> logger, ListChanges changes)
    {
        _changes = changes;
        _local = local;
        _redis = redis;
        _prefix = options.Prefix;
        _channel = RedisChannel.Literal(options.Prefix + "evict");
        _withoutRedis = options.PageLifetimeWithoutRedis;
        _logger = logger;
        redis.Lost += ForgetEverything;
        redis.Restored += OnRestored;
        _ = SubscribeAsync();
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (_local.Get(key) is { } page)
        {
            return page;
        }
        if (_redis.Database is not { } db)
        {
            return null;
        }
        // A page read from Redis is kept in memory only if no eviction was heard while it was on
        // its way: the announcement and the reply may travel on different connections, so an
        // eviction may be heard before the (older) page arrives.
        var generation = _local.Generation;
        try
        {
            var found = await db.ScriptEvaluateAsync(RedisPageScripts.Get, new { page = PageKey(key) });
            if (found.IsNull)
            {
                return null;
            }
            var parts = (RedisResult[])found!;
            var bytes = (byte[])parts[0]!;
            var ttl = (long)parts[2];
            if (ttl > 0)
            {
                _local.Set(key, bytes, ((string?)parts[1] ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries), TimeSpan.FromMilliseconds(ttl), since: generation);
            }
            return bytes;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e.Message);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        tags ??= [];
        if (_redis.Database is not { } db)
        {
            _local.Set(key, value, tags, validFor < _withoutRedis ? validFor : _withoutRedis);
            return;
        }
        // Not kept here, not shared either: it was rendered before an eviction (LocalPageTier.Set).
        if (!_local.Set(key, value, tags, validFor))
        {
            return;
        }
        try
        {
            await db.ScriptEvaluateAsync(RedisPageScripts.Set, new
            {
                page = PageKey(key),
                bytes = value,
                tags = string.Join('\n', tags),
                ttl = (long)validFor.TotalMilliseconds,
                tagPrefix = _prefix + "tag:",
            });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e.Message);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        _local.EvictByTag(tag);
        if (!await TryEvictSharedAsync(tag))
        {
            _unsentEvictions.TryAdd(tag, 0);
        }
    }

    private async Task<bool> TryEvictSharedAsync(string tag)
    {
        if (_redis.Database is not { } db)
        {
            return false;
        }
        try
        {
            await db.ScriptEvaluateAsync(RedisPageScripts.Evict, new { set = (RedisKey)(_prefix + "tag:" + tag), channel = _channel.ToString(), tag });
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e.Message);
            return false;
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var multiplexer = await _redis.Created;
            // The client keeps the subscription and renews it itself after every reconnection.
            await multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, tag) =>
            {
                _local.EvictByTag(tag.ToString());
                _changes.Evicted(tag.ToString());
            });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e.Message);
        }
    }

    // Evictions announced while this node was away never reached it: any page in memory may be
    // one of them, so memory starts afresh (Redis itself was evicted by the nodes that wrote).
    // Evictions this node could not make in Redis meanwhile are made now.
    private void OnRestored()
    {
        ForgetEverything();
        _ = SendUnsentEvictionsAsync();
    }

    private void ForgetEverything()
    {
        _local.Clear();
        _changes.MayHaveMissedSome();
    }

    private async Task SendUnsentEvictionsAsync()
    {
        foreach (var tag in _unsentEvictions.Keys)
        {
            _unsentEvictions.TryRemove(tag, out _);
            if (!await TryEvictSharedAsync(tag))
            {
                _unsentEvictions.TryAdd(tag, 0);
            }
        }
    }

    private RedisKey PageKey(string key) => _prefix + "page:" + key;

    public void Dispose()
    {
        _redis.Lost -= ForgetEverything;
        _redis.Restored -= OnRestored;
    }

    [LoggerMessage(LogLevel.Debug, "Redis did not answer for the page cache: {Reason}")]
    private partial void LogUnreachable(string reason);
}

internal sealed record RedisPageOptions(string Prefix, TimeSpan PageLifetimeWithoutRedis);
