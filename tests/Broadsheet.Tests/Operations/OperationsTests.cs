using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Operations;

public class OperationsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string?> IpStoredForAsync(BroadsheetApp app, HttpClient client, string forwardedFor)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var permalink = await client.FirstArticleAsync();
        var text = $"Where am I {Guid.NewGuid():N}";
        var response = await client.PostCommentAsync(permalink, Reader.ValidComment(text));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return await app.WithDbAsync(db => db.Comments.Where(c => c.Content == text).Select(c => c.IpAddress).SingleAsync(Cancel));
    }

    [Fact]
    public async Task A_client_cannot_choose_its_address_with_x_forwarded_for()
    {
        using var app = new BroadsheetApp();

        var stored = await IpStoredForAsync(app, app.CreateReader("203.0.113.50"), "198.51.100.1");

        Assert.Equal("203.0.113.50", stored);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_forwarded_client_address_is_used()
    {
        using var app = new BroadsheetApp { Settings = { ["Operations:KnownProxies:0"] = "10.1.2.3" } };

        var viaProxy = await IpStoredForAsync(app, app.CreateReader("10.1.2.3"), "198.51.100.1");
        var direct = await IpStoredForAsync(app, app.CreateReader("203.0.113.60"), "198.51.100.2");

        Assert.Equal("198.51.100.1", viaProxy);
        Assert.Equal("203.0.113.60", direct);
    }

    [Fact]
    public async Task Metrics_are_served_for_prometheus_only_when_enabled()
    {
        using var quiet = new BroadsheetApp();
        using var monitored = new BroadsheetApp { Settings = { ["Operations:Metrics"] = "true" } };
        var client = monitored.CreateReader();
        await client.GetAsync(new Uri("/", UriKind.Relative), Cancel);

        var off = await quiet.CreateReader().GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        var on = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await on.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_and_pages_answer_503_with_retry_after_while_the_database_is_gone()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL can be taken away from under a running node");
        var database = TestPostgres.CreateDatabase();
        using var app = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = TestPostgres.ConnectionStringFor(database) } };
        var probe = app.CreateReader();
        var before = await probe.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel);

        TestPostgres.DropDatabase(database);
        var after = await probe.GetAsync(new Uri("/readyz", UriKind.Relative), Cancel);

        var article = await probe.GetAsync(new Uri("/page/2/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, article.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), article.Headers.RetryAfter!.Delta);
        Assert.Contains("please try again", await article.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_proxy_address_stops_the_start_with_a_clear_message()
    {
        using var app = new BroadsheetApp { Settings = { ["Operations:KnownProxies:0"] = "proxy.example" } };

        var error = Assert.ThrowsAny<Exception>(() => app.CreateReader());

        Assert.Contains("Operations:KnownProxies: 'proxy.example' is not an IP address.", error.ToString(), StringComparison.Ordinal);
    }
}
