using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Broadsheet.Admin.Audit;
using Broadsheet.Articles;
using Broadsheet.Tests.Admin;
using Broadsheet.Tests.Search;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Operations;

// The PostgreSQL server really stopped (as `systemctl stop postgresql`) under a running node, and
// started again: readers get cached pages or a clear 503, comment posts a clear "try again" with
// their words kept, nothing acknowledged is lost, and the node recovers without a restart.
public sealed class DatabaseOutageTests(OwnPostgres postgres) : IClassFixture<OwnPostgres>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private BroadsheetApp NewApp() => new() { Settings = { ["ConnectionStrings:Postgres"] = postgres.CreateDatabase() } };

    [Fact]
    public async Task Readers_get_cached_pages_or_a_503_page_while_the_database_is_stopped_and_fresh_pages_when_it_returns()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only: the test stops a real server");
        using var app = NewApp();
        var home = await app.CreateReader().GetPageAsync("/");
        var links = home.QuerySelectorAll(".article-summary h2 a").Select(a => a.GetAttribute("href")!).ToList();
        var (cached, uncached) = (links[0], links[1]);
        await app.CreateReader().GetPageAsync(cached);
        var readyBefore = await GetAsync(app, "/readyz");

        await postgres.StopAsync();
        // Long enough for the editor settings to be due for a refresh, within the pages' cache time.
        app.Time.Advance(TimeSpan.FromSeconds(40));
        var cachedDuring = await GetAsync(app, cached);
        var homeDuring = await GetAsync(app, "/");
        var uncachedDuring = await GetAsync(app, uncached);
        var readyDuring = await GetAsync(app, "/readyz");
        var aliveDuring = await GetAsync(app, "/healthz");
        await postgres.StartAsync();
        var uncachedAfter = await GetAsync(app, uncached);
        var readyAfter = await GetAsync(app, "/readyz");

        Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cachedDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, homeDuring.StatusCode);
        await AssertOutagePageAsync(uncachedDuring);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliveDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, uncachedAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    [Fact]
    public async Task A_comment_sent_while_the_database_is_stopped_is_shown_back_and_can_be_sent_again_when_it_returns()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only: the test stops a real server");
        using var app = NewApp();
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        await reader.GetPageAsync(permalink);
        var text = $"<b>Hold the front page</b> & the {Guid.NewGuid():N} edition";

        await postgres.StopAsync();
        var refused = await reader.PostCommentAsync(permalink, Reader.ValidComment(text));
        await postgres.StartAsync();
        var page = await Reader.ParseAsync(refused);
        var again = await reader.SubmitAsync(page, permalink, "form#commentform", []);

        await AssertOutagePageAsync(refused, expected: "please try again");
        Assert.DoesNotContain("<b>Hold", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>("form#commentform textarea[name=comment]")!.Value);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.Content == text, Cancel)));
    }

    [Fact]
    public async Task Every_comment_acknowledged_before_the_database_stopped_is_there_after_it_returns()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only: the test stops a real server");
        using var app = NewApp();
        var reader = app.CreateReader("203.0.113.90");
        var permalink = await reader.FirstArticleAsync();
        var token = await reader.CommentTokenAsync((await reader.GetPageAsync(permalink)).QuerySelector("form#commentform"));
        var answers = new ConcurrentQueue<(string Text, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();
        var posting = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"Comment {i} of a steady stream {Guid.NewGuid():N}";
                var fields = Reader.ValidComment(text);
                fields["__RequestVerificationToken"] = token;
                using var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);
                answers.Enqueue((text, response.StatusCode));
            }
        }, Cancel);
        int Count(HttpStatusCode status) => answers.Count(a => a.Status == status);

        await Until.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.SeeOther) >= 3));
        await postgres.StopAsync();
        await Until.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.ServiceUnavailable) >= 3));
        var acceptedBefore = Count(HttpStatusCode.SeeOther);
        await postgres.StartAsync();
        await Until.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.SeeOther) >= acceptedBefore + 3));
        await stop.CancelAsync();
        await posting;

        Assert.All(answers, a => Assert.Contains(a.Status, (HttpStatusCode[])[HttpStatusCode.SeeOther, HttpStatusCode.ServiceUnavailable]));
        var stored = await app.WithDbAsync(db => db.Comments.Select(c => c.Content).ToListAsync(Cancel));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.SeeOther), a => Assert.Contains(a.Text, stored));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.DoesNotContain(a.Text, stored));
    }

    [Fact]
    public async Task The_scheduled_publisher_outlives_the_outage_and_publishes_when_the_database_returns()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only: the test stops a real server");
        using var app = NewApp();
        var scheduled = await app.AddArticleAsync("Results of the night count", status: ArticleStatus.Scheduled, age: TimeSpan.FromHours(-2));
        var logs = LogRecorder.AttachTo(app);

        await postgres.StopAsync();
        app.Time.Advance(TimeSpan.FromHours(3));
        await Until.TrueAsync(() => Task.FromResult(logs.Entries.Any(e => e.Category.EndsWith("NewsroomJobs", StringComparison.Ordinal))));
        await postgres.StartAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        await Until.TrueAsync(() => app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "article.published", Cancel)));

        Assert.Equal(ArticleStatus.Published, await app.WithDbAsync(db => db.Articles.Where(a => a.Id == scheduled.Id).Select(a => a.Status).FirstAsync(Cancel)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == "article.published", Cancel)));
        // The jobs report the outage as a warning that says what happened, not as a failure of their own.
        Assert.DoesNotContain(logs.Errors, e => e.Category.EndsWith("NewsroomJobs", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category.EndsWith("NewsroomJobs", StringComparison.Ordinal) && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task A_node_that_slept_through_a_restart_of_the_database_serves_the_next_reader(string stopMode)
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only: the test stops a real server");
        using var app = NewApp();
        // Several pages at once: the node's pool holds several connections, all closed by the stop.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => GetAsync(app, $"/search?q=word{i}")));

        await postgres.StopAsync(stopMode);
        var readyDuring = await GetAsync(app, "/readyz");
        await postgres.StartAsync();
        var first = await GetAsync(app, "/search?q=first");
        var second = await GetAsync(app, "/search?q=second");
        var readyAfter = await GetAsync(app, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        // Npgsql hands out no connection the old server closed: the first reader is served.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(BroadsheetApp app, string url) =>
        app.CreateReader().GetAsync(new Uri(url, UriKind.Relative), Cancel);

    private static async Task AssertOutagePageAsync(HttpResponseMessage response, string expected = "try again")
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
    }
}
