using Broadsheet.Caching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Broadsheet.Operations;

// /readyz with Redis configured. A node that cannot reach Redis still serves every page and
// takes every comment (its cache and rate limits work in-process), so taking it out of the load
// balancer would only make things worse: Redis away is Degraded (HTTP 200, the reason in the
// body), never Unhealthy. The database stays the one hard requirement.
internal sealed class RedisReadiness(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis.Database is { } db)
        {
            try
            {
                await db.PingAsync();
                return HealthCheckResult.Healthy("Redis answers.");
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Reported below, like a connection that is down.
            }
        }
        return HealthCheckResult.Degraded("Redis is unreachable: this node serves its cached pages and rate limits in-process and reconnects by itself.");
    }
}
