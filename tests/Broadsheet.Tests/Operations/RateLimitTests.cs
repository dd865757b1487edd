using System.Net;
using Broadsheet.Tests.Admin;

namespace Broadsheet.Tests.Operations;

// Per-address limits on comment posts, sign-in attempts and searches: counted in this process
// without Redis, in Redis with it (one allowance across nodes), and in-process again while Redis
// is away. Over the limit a client gets 429, Retry-After and a page that says what to do.
public sealed class RateLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BroadsheetApp AppWithLimits(int perMinute, string? redis = null)
    {
        var app = new BroadsheetApp
        {
            Settings =
            {
                ["RateLimits:CommentsPerMinute"] = $"{perMinute}",
                ["RateLimits:LoginPerMinute"] = $"{perMinute}",
                ["RateLimits:SearchPerMinute"] = $"{perMinute}",
            },
        };
        if (redis is not null)
        {
            app.Settings["ConnectionStrings:Redis"] = redis;
        }
        return app;
    }

    [Fact]
    public async Task Comment_posts_over_the_limit_get_a_429_page_that_says_when_to_try_again()
    {
        using var app = AppWithLimits(2);
        var reader = app.CreateReader("203.0.113.50");
        var permalink = await reader.FirstArticleAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await reader.PostCommentAsync(permalink, Reader.ValidComment($"Comment {i} {Guid.NewGuid():N}")));
        }
        var neighbour = await app.CreateReader("203.0.113.51").PostCommentAsync(permalink, Reader.ValidComment($"Neighbour {Guid.NewGuid():N}"));

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var refused = answers[2];
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("Your comment was not saved: please wait", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, neighbour.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_are_refused_before_the_password_is_checked()
    {
        using var app = AppWithLimits(2);
        var client = app.CreateReader("203.0.113.60");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.SignInAsync("nobody@example.org", "not the password")).StatusCode);
        }
        var page = await client.GetAsync(new Uri("/admin/login/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(2));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Searches_over_the_limit_are_refused_while_reading_is_not_limited()
    {
        using var app = AppWithLimits(3);
        var reader = app.CreateReader("203.0.113.70");

        var searches = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            searches.Add((await reader.GetAsync(new Uri($"/search?q=harbour{i}", UriKind.Relative), Cancel)).StatusCode);
        }
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add((await reader.GetAsync(new Uri("/", UriKind.Relative), Cancel)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], searches);
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Limits_count_in_redis_and_still_hold_in_process_while_redis_is_away()
    {
        await using var redis = await TestRedis.StartAsync();
        using var app = AppWithLimits(2, redis.ConnectionString);
        var reader = app.CreateReader("203.0.113.80");
        await Until.TrueAsync(async () => await (await reader.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel) == "Healthy");

        var withRedis = await SearchTimesAsync(reader, 3);
        await redis.StopAsync();
        await Until.TrueAsync(async () => (await reader.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).StatusCode == HttpStatusCode.OK
            && (await (await reader.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel)).StartsWith("Degraded", StringComparison.Ordinal));
        var withoutRedis = await SearchTimesAsync(reader, 3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], withRedis);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], withoutRedis);
    }

    [Fact]
    public async Task The_comment_limit_holds_when_a_client_alternates_nodes()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await using var redis = await TestRedis.StartAsync();
        var database = TestPostgres.CreateDatabase();
        try
        {
            using var nodeA = AppWithLimits(2, redis.ConnectionString);
            using var nodeB = AppWithLimits(2, redis.ConnectionString);
            nodeA.Settings["ConnectionStrings:Postgres"] = nodeB.Settings["ConnectionStrings:Postgres"] = TestPostgres.ConnectionStringFor(database);
            var onA = nodeA.CreateReader("203.0.113.90");
            var onB = nodeB.CreateReader("203.0.113.90");
            var permalink = await onA.FirstArticleAsync();
            await Until.TrueAsync(async () => await ReadyAsync(onA) && await ReadyAsync(onB));

            var answers = new List<HttpStatusCode>();
            foreach (var client in (HttpClient[])[onA, onB, onA, onB])
            {
                answers.Add((await client.PostCommentAsync(permalink, Reader.ValidComment($"Alternating {Guid.NewGuid():N}"))).StatusCode);
            }

            Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        }
        finally
        {
            TestPostgres.DropDatabase(database);
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient client) =>
        await (await client.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel) == "Healthy";

    private static async Task<List<HttpStatusCode>> SearchTimesAsync(HttpClient reader, int times)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            answers.Add((await reader.GetAsync(new Uri($"/search?q=tide{i}", UriKind.Relative), Cancel)).StatusCode);
        }
        return answers;
    }
}
