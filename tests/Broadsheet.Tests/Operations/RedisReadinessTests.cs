using System.Net;

namespace Broadsheet.Tests.Operations;

// /readyz with Redis configured: Redis is reported, and its absence degrades the node (still
// HTTP 200, so the load balancer keeps sending readers) instead of taking it out.
public sealed class RedisReadinessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_reports_redis_and_stays_200_with_the_reason_while_redis_is_away()
    {
        await using var redis = await TestRedis.StartAsync();
        using var app = new BroadsheetApp { Settings = { ["ConnectionStrings:Redis"] = redis.ConnectionString } };
        var probe = app.CreateReader();
        await Until.TrueAsync(async () => await BodyAsync(probe) == "Healthy");

        await redis.StopAsync();
        await Until.TrueAsync(async () => (await BodyAsync(probe)).StartsWith("Degraded", StringComparison.Ordinal));
        var away = await probe.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel);
        var page = await probe.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        await redis.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.Contains("redis: Degraded. Redis is unreachable", await away.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await Until.TrueAsync(async () => await BodyAsync(probe) == "Healthy");
    }

    [Fact]
    public async Task A_node_started_while_redis_is_away_starts_and_connects_when_redis_arrives()
    {
        await using var redis = await TestRedis.StartAsync();
        await redis.StopAsync();
        using var app = new BroadsheetApp { Settings = { ["ConnectionStrings:Redis"] = redis.ConnectionString } };
        var probe = app.CreateReader();

        var home = await probe.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        await redis.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await Until.TrueAsync(async () => await BodyAsync(probe) == "Healthy");
    }

    private static async Task<string> BodyAsync(HttpClient probe) =>
        await (await probe.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);
}
