using System.Net;
using System.Net.Http.Json;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Operations;

// Two app nodes on one PostgreSQL database, as behind a load balancer: nothing a reader does may
// depend on reaching the same node twice.
public sealed class TwoNodeTests : IDisposable
{
    private readonly string? _database;
    private readonly BroadsheetApp? _nodeA;
    private readonly BroadsheetApp? _nodeB;

    public TwoNodeTests()
    {
        if (!BroadsheetApp.IsPostgres)
        {
            return;
        }
        _database = TestPostgres.CreateDatabase();
        var shared = TestPostgres.ConnectionStringFor(_database);
        _nodeA = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared, ["Comments:FloodIntervalSeconds"] = "15", ["Comments:Moderation"] = "None" } };
        _nodeB = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared, ["Comments:FloodIntervalSeconds"] = "15", ["Comments:Moderation"] = "None" } };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_the_other()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var options = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var onA = _nodeA!.CreateClient(options);
        var onB = _nodeB!.CreateClient(options);
        var permalink = await _nodeA.CreateReader().FirstArticleAsync();

        var rendered = await onA.GetAsync(new Uri(CommentEndpoints.TokenAddress, UriKind.Relative), Cancel);
        var token = (await rendered.Content.ReadFromJsonAsync<CommentEndpoints.TokenAnswer>(Cancel))!.Token;
        var cookies = string.Join("; ", rendered.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var fields = Reader.ValidComment($"Across nodes {Guid.NewGuid():N}");
        fields["__RequestVerificationToken"] = token;
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(permalink, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", cookies);
        var response = await onB.SendAsync(post, Cancel);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(1, await _nodeA.WithDbAsync(db => db.Comments.CountAsync(c => c.Content == fields["comment"], Cancel)));
    }

    [Fact]
    public async Task The_flood_limit_holds_when_a_reader_alternates_nodes()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var onA = _nodeA!.CreateReader("203.0.113.81");
        var onB = _nodeB!.CreateReader("203.0.113.81");
        var permalink = await onA.FirstArticleAsync();

        var first = await onA.PostCommentAsync(permalink, Reader.ValidComment($"First {Guid.NewGuid():N}", "alternating@example.org"));
        var second = await onB.PostCommentAsync(permalink, Reader.ValidComment($"Second {Guid.NewGuid():N}", "alternating@example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
    }

    [Fact]
    public async Task The_same_words_sent_to_both_nodes_at_once_are_stored_once()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var permalink = await _nodeA!.CreateReader().FirstArticleAsync();
        var text = $"Sent to every node at once {Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? _nodeA : _nodeB!).CreateReader($"203.0.113.{120 + i}")
                .PostCommentAsync(permalink, Reader.ValidComment(text, "everywhere@example.org"))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.SeeOther);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, (HttpStatusCode[])[HttpStatusCode.SeeOther, HttpStatusCode.Conflict, (HttpStatusCode)429]));
        Assert.Equal(1, await _nodeA.WithDbAsync(db => db.Comments.CountAsync(c => c.Content == text, Cancel)));
    }

    public void Dispose()
    {
        _nodeA?.Dispose();
        _nodeB?.Dispose();
        if (_database is not null)
        {
            TestPostgres.DropDatabase(_database);
        }
    }
}
