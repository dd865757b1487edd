using StackExchange.Redis;

namespace Broadsheet.Caching;

// The Redis side of RedisPageStore. Each runs as one script, so Redis executes it as one step:
// no other node's command can come in between.
internal static class RedisPageScripts
{
    // Atomic, so that an eviction running at the same time never leaves a page without its tags.
    // TIME is Redis's own clock: nodes whose clocks differ still agree on what has expired.
    public static readonly LuaScript Set = LuaScript.Prepare("""
        redis.call('HSET', @page, 'bytes', @bytes, 'tags', @tags)
        redis.call('PEXPIRE', @page, @ttl)
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local expires = now + tonumber(@ttl)
        for tag in string.gmatch(@tags, '[^\n]+') do
          local set = @tagPrefix .. tag
          redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
          redis.call('ZADD', set, expires, @page)
          if redis.call('PTTL', set) < tonumber(@ttl) then redis.call('PEXPIRE', set, @ttl) end
        end
        """);

    public static readonly LuaScript Get = LuaScript.Prepare("""
        local found = redis.call('HMGET', @page, 'bytes', 'tags')
        if not found[1] then return nil end
        return {found[1], found[2], redis.call('PTTL', @page)}
        """);

    // Deletes the pages and announces the tag in one step: no node can read a deleted page back
    // into memory after it heard the announcement (RedisPageStore._generation covers the other order).
    public static readonly LuaScript Evict = LuaScript.Prepare("""
        local pages = redis.call('ZRANGE', @set, 0, -1)
        for i = 1, #pages do redis.call('UNLINK', pages[i]) end
        redis.call('UNLINK', @set)
        redis.call('PUBLISH', @channel, @tag)
        return #pages
        """);
}
