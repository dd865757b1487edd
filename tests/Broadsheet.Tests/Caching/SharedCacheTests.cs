using System.Net;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Broadsheet.Tests.Caching;

// Two nodes on one PostgreSQL database and one Redis, as behind a load balancer: a page cached by
// one node is served by the other, a change on one evicts the page on both, and Redis going away
// (and coming back) never costs a reader an error.
public sealed class SharedCacheTests : IAsyncLifetime
{
    private string? _database;
    private TestRedis? _redis;
    private BroadsheetApp? _nodeA;
    private BroadsheetApp? _nodeB;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!BroadsheetApp.IsPostgres)
        {
            return;
        }
        _redis = await TestRedis.StartAsync();
        _database = TestPostgres.CreateDatabase();
        _nodeA = Node();
        _nodeB = Node();
    }

    private Task BothConnectedAsync() =>
        Until.TrueAsync(async () => await ReadinessAsync(_nodeA!) == "Healthy" && await ReadinessAsync(_nodeB!) == "Healthy");

    private BroadsheetApp Node() => new()
    {
        Settings =
        {
            ["ConnectionStrings:Postgres"] = TestPostgres.ConnectionStringFor(_database!),
            ["ConnectionStrings:Redis"] = _redis!.ConnectionString,
            ["Comments:Moderation"] = "All",
        },
    };

    [Fact]
    public async Task A_page_cached_by_one_node_is_served_by_the_other_from_redis()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await BothConnectedAsync();
        var permalink = await _nodeA!.CreateReader().FirstArticleAsync();
        var title = await TitleAsync(_nodeA.CreateReader(), permalink);

        // Behind the app's back (no eviction), so only a cached copy can still show the old title.
        await RetitleWithoutTheAppAsync(permalink, "Retitled behind the cache");
        var servedByB = await TitleAsync(_nodeB!.CreateReader(), permalink);
        var renderedByB = await TitleAsync(_nodeB.CreateReader(), permalink, bypassCache: true);

        Assert.Equal(title, servedByB);
        Assert.Equal("Retitled behind the cache", renderedByB);
    }

    [Fact]
    public async Task A_comment_approved_on_one_node_appears_on_the_page_the_other_node_had_cached()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await BothConnectedAsync();

        await ApprovalOnAShowsOnBAsync("Approved on node A");
    }

    [Fact]
    public async Task Nodes_started_while_redis_is_away_share_evictions_once_it_arrives()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await _redis!.StopAsync();
        Assert.Equal(HttpStatusCode.OK, (await _nodeA!.CreateReader().GetAsync(new Uri("/", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _nodeB!.CreateReader().GetAsync(new Uri("/", UriKind.Relative), Cancel)).StatusCode);

        await _redis.RestartAsync();
        await BothConnectedAsync();

        await ApprovalOnAShowsOnBAsync("Approved once Redis arrived");
    }

    [Fact]
    public async Task Nodes_keep_serving_while_redis_is_away_and_share_evictions_again_when_it_returns()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await BothConnectedAsync();
        var permalink = await _nodeA!.CreateReader().FirstArticleAsync();
        await _redis!.StopAsync();
        await Until.TrueAsync(async () => (await ReadinessAsync(_nodeA)).StartsWith("Degraded", StringComparison.Ordinal)
            && (await ReadinessAsync(_nodeB!)).StartsWith("Degraded", StringComparison.Ordinal));

        var answers = new List<HttpStatusCode>();
        foreach (var node in (BroadsheetApp[])[_nodeA, _nodeB!, _nodeA, _nodeB!])
        {
            var reader = node.CreateReader($"198.51.100.{answers.Count + 20}");
            answers.Add((await reader.GetAsync(new Uri("/", UriKind.Relative), Cancel)).StatusCode);
            answers.Add((await reader.GetAsync(new Uri(permalink, UriKind.Relative), Cancel)).StatusCode);
            answers.Add((await reader.PostCommentAsync(permalink, Reader.ValidComment($"While Redis is away {Guid.NewGuid():N}"))).StatusCode);
        }
        Assert.All(answers, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.SeeOther, $"answered {status}"));

        await _redis.RestartAsync();
        await BothConnectedAsync();
        await ApprovalOnAShowsOnBAsync("After Redis returned");
    }

    // A comment held for moderation is posted on A, B caches the article page without it, the
    // comment is approved on A: B's cached page must show it at once (within the pub/sub hop).
    private async Task ApprovalOnAShowsOnBAsync(string words)
    {
        var text = $"{words} {Guid.NewGuid():N}";
        var permalink = await _nodeA!.CreateReader().FirstArticleAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await _nodeA.CreateReader("198.51.100.7").PostCommentAsync(permalink, Reader.ValidComment(text))).StatusCode);
        var readerOnB = _nodeB!.CreateReader();
        Assert.DoesNotContain(text, await BodyAsync(readerOnB, permalink), StringComparison.Ordinal);
        Assert.DoesNotContain(text, await BodyAsync(readerOnB, permalink), StringComparison.Ordinal);

        await ApproveOnNodeAAsync(text);

        await Until.TrueAsync(async () => (await BodyAsync(readerOnB, permalink)).Contains(text, StringComparison.Ordinal), timeoutSeconds: 5);
    }

    private static async Task<string> ReadinessAsync(BroadsheetApp node) =>
        await (await node.CreateReader().GetAsync(new Uri("/readyz", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

    private static async Task<string> BodyAsync(HttpClient reader, string url) =>
        await (await reader.GetAsync(new Uri(url, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

    // Through node A's own DbContext, so that node A's cache eviction runs, as in the back office.
    private Task<int> ApproveOnNodeAAsync(string text) =>
        _nodeA!.WithDbAsync(async db =>
        {
            var comment = await db.Comments.SingleAsync(c => c.Content == text, Cancel);
            comment.Status = CommentStatus.Approved;
            return await db.SaveChangesAsync(Cancel);
        });

    private static async Task<string> TitleAsync(HttpClient reader, string permalink, bool bypassCache = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(permalink, UriKind.Relative));
        if (bypassCache)
        {
            // A signed-in browser's cookie (even one that no longer signs in) is never served from the cache.
            request.Headers.Add("Cookie", $"{Broadsheet.Accounts.AccountSetup.StaffCookie}=expired");
        }
        var page = await Reader.ParseAsync(await reader.SendAsync(request, Cancel));
        return page.QuerySelector("h1")!.TextContent.Trim();
    }

    private async Task RetitleWithoutTheAppAsync(string permalink, string title)
    {
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor(_database!));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("UPDATE \"Articles\" SET \"Title\" = @title WHERE \"Slug\" = @slug", connection);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
    }

    public async ValueTask DisposeAsync()
    {
        _nodeA?.Dispose();
        _nodeB?.Dispose();
        if (_database is not null)
        {
            TestPostgres.DropDatabase(_database);
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
