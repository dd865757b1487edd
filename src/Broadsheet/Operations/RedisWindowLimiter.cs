using System.Threading.RateLimiting;
using Broadsheet.Caching;
using StackExchange.Redis;

namespace Broadsheet.Operations;

// A fixed-window counter in Redis, so that a client's allowance holds across every node: the
// first request of a window creates the counter with the window as its lifetime, each request
// adds one, and a request over the limit is refused until the counter expires. While Redis cannot
// be reached the node counts in-process (the fallback), so limits still hold, per node.
internal sealed class RedisWindowLimiter(RedisConnection redis, RedisKey counter, int permitLimit, TimeSpan window,
    FixedWindowRateLimiter fallback) : ReplenishingRateLimiter
{
    private static readonly LuaScript CountScript = LuaScript.Prepare("""
        local count = redis.call('INCR', @counter)
        local ttl = redis.call('PTTL', @counter)
        if ttl < 0 then
          redis.call('PEXPIRE', @counter, @window)
          ttl = tonumber(@window)
        end
        return {count, ttl}
        """);

    private static readonly RateLimitLease Acquired = new WindowLease(true, null);
    private static readonly RateLimitLease TryAsync = new WindowLease(false, null);

    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override bool IsAutoReplenishing => fallback.IsAutoReplenishing;

    public override TimeSpan ReplenishmentPeriod => fallback.ReplenishmentPeriod;

    public override bool TryReplenish() => fallback.TryReplenish();

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    // Counting in Redis is I/O, which has no place in a synchronous call: a refusal here only
    // sends the middleware on to AcquireAsync, which counts.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        redis.IsAvailable ? TryAsync : fallback.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.Database is not { } db)
        {
            return fallback.AttemptAcquire(permitCount);
        }
        try
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(CountScript, new { counter, window = (long)window.TotalMilliseconds }))!;
            var count = (long)result[0];
            return count <= permitLimit ? Acquired : new WindowLease(false, TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return fallback.AttemptAcquire(permitCount);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await fallback.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class WindowLease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
