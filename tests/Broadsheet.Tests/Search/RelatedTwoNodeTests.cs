using Broadsheet.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Search;

// Two nodes on one PostgreSQL database and one Redis: an article published on one node shows in
// the related reading the other renders next, though that node keeps the tags' windows (TagWindows)
// and its clock has not moved: the write's eviction reaches it through Redis.
public sealed class RelatedTwoNodeTests : IAsyncLifetime
{
    private string? _database;
    private TestRedis? _redis;
    private BroadsheetApp? _nodeA;
    private BroadsheetApp? _nodeB;

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

    private BroadsheetApp Node() => new()
    {
        Settings =
        {
            ["ConnectionStrings:Postgres"] = TestPostgres.ConnectionStringFor(_database!),
            ["ConnectionStrings:Redis"] = _redis!.ConnectionString,
        },
    };

    [Fact]
    public async Task An_article_published_on_one_node_shows_in_the_related_reading_of_the_other()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "Two nodes share PostgreSQL");
        await Until.TrueAsync(async () => await ReadinessAsync(_nodeA!) == "Healthy" && await ReadinessAsync(_nodeB!) == "Healthy");
        var nodeA = _nodeA!;
        await nodeA.AddSectionAndTagAsync("mimsy");
        var subject = await nodeA.AddArticleAsync("All mimsy were the borogoves", age: TimeSpan.FromHours(3), category: "mimsy", tags: ["mimsy"]);
        var older = await nodeA.AddArticleAsync("Mimsy, older", age: TimeSpan.FromHours(2), category: "mimsy", tags: ["mimsy"]);
        var reader = _nodeB!.CreateReader();
        Assert.Equal(PermalinkOf(older), (await RelatedLinksAsync(reader, subject))[0]);

        var latest = await nodeA.AddArticleAsync("Mimsy, latest", age: TimeSpan.FromMinutes(5), category: "mimsy", tags: ["mimsy"]);

        await Until.TrueAsync(async () => (await RelatedLinksAsync(reader, subject))[0] == PermalinkOf(latest));
    }

    private string PermalinkOf(Article article) => _nodeA!.Services.GetRequiredService<Permalinks>().For(article);

    // Rendered, never served from the page cache: a signed-in browser's cookie bypasses it.
    private async Task<List<string?>> RelatedLinksAsync(HttpClient reader, Article article)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(PermalinkOf(article), UriKind.Relative));
        request.Headers.Add("Cookie", $"{Broadsheet.Accounts.AccountSetup.StaffCookie}=expired");
        var page = await Reader.ParseAsync(await reader.SendAsync(request, TestContext.Current.CancellationToken));
        return [.. page.QuerySelectorAll(".related-articles a").Select(a => a.GetAttribute("href"))];
    }

    private static async Task<string> ReadinessAsync(BroadsheetApp node)
    {
        using var response = await node.CreateReader().GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
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
