using System.Globalization;
using System.Net;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// Concurrent comments are decided and committed together (CommentWriter): each poster is answered
// only after its batch is committed, with exactly what a post on its own would have got.
public class GroupCommitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // One reader's form, reused for many posts: an antiforgery token is valid for its own cookie.
    private sealed record Form(HttpClient Client, string Permalink, string Token);

    private static async Task<Form> OpenFormAsync(BroadsheetApp app)
    {
        var client = app.CreateReader();
        var permalink = await client.FirstArticleAsync();
        var page = await client.GetPageAsync(permalink);
        var token = await client.CommentTokenAsync(page.QuerySelector("form#commentform"));
        return new Form(client, permalink, token);
    }

    private static async Task<HttpResponseMessage> PostAsync(Form form, string text, string email, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.Permalink, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.Token, ["comment"] = text, ["author"] = "Ada Reader",
                ["email"] = email, ["url"] = "", ["parent"] = "0",
            }),
        };
        request.Headers.Add("X-Test-Client-IP", ip);
        return await form.Client.SendAsync(request, Cancel);
    }

    private static string Address(int i) => string.Create(CultureInfo.InvariantCulture, $"10.20.{i / 200}.{(i % 200) + 1}");

    private static Task<int> CountAsync(BroadsheetApp app, string marker) =>
        app.WithDbAsync(db => db.Comments.CountAsync(c => c.Content.Contains(marker), Cancel));

    [Fact]
    public async Task Two_hundred_posts_at_once_are_each_stored_once_and_each_lands_on_its_own_anchor()
    {
        using var app = new BroadsheetApp();
        var form = await OpenFormAsync(app);
        var marker = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            PostAsync(form, $"Reader {i} on the harbour vote {marker}", $"reader{i}@example.org", Address(i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var landed = responses.Select(r => r.Headers.Location!.OriginalString).ToList();
        Assert.All(landed, l => Assert.StartsWith(form.Permalink + "#comment-", l, StringComparison.Ordinal));
        var ids = landed.Select(l => int.Parse(l.Split("#comment-")[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(200, ids.Distinct().Count());
        var stored = await app.WithDbAsync(db => db.Comments.AsNoTracking().Where(c => c.Content.Contains(marker)).ToListAsync(Cancel));
        Assert.Equal(200, stored.Count);
        for (var i = 0; i < 200; i++)
        {
            // Each answer names the row that holds that very post.
            var row = stored.Single(c => c.Id == ids[i]);
            Assert.Equal($"Reader {i} on the harbour vote {marker}", row.Content);
            Assert.Equal(Address(i), row.IpAddress);
            Assert.Equal(CommentStatus.Pending, row.Status);
        }
    }

    [Fact]
    public async Task The_same_words_posted_many_times_at_once_are_stored_once_and_the_rest_are_duplicates()
    {
        using var app = new BroadsheetApp();
        var form = await OpenFormAsync(app);
        var text = $"Said only once {Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => PostAsync(form, text, "echo@example.org", Address(i))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.SeeOther);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await CountAsync(app, text));
    }

    [Fact]
    public async Task A_batch_whose_commit_fails_answers_every_poster_to_try_again_and_stores_none()
    {
        using var app = new BroadsheetApp();
        var form = await OpenFormAsync(app);
        var marker = Guid.NewGuid().ToString("N");
        // A constraint the database checks only at COMMIT: every insert into Comments adds a row that
        // breaks a deferred foreign key, so the writes succeed, ids are given, and the commit fails.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(BroadsheetApp.IsPostgres ? PostgresCommitGuard : SqliteCommitGuard, Cancel));

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            PostAsync(form, $"Lost? {i} {marker}", $"unlucky{i}@example.org", Address(i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        var page = await Reader.ParseAsync(responses[0]);
        Assert.Equal(CommentMessages.TryAgain, page.QuerySelector(".form-message")!.TextContent);
        Assert.Equal($"Lost? 0 {marker}", page.QuerySelector("textarea#comment")!.TextContent);
        Assert.Equal(0, await CountAsync(app, marker));

        // The writer lives on: once the database accepts writes again, so does the form.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(BroadsheetApp.IsPostgres ? PostgresNoGuard : SqliteNoGuard, Cancel));
        var retried = await PostAsync(form, $"Lost? 0 {marker}", "unlucky0@example.org", Address(0));
        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        Assert.Equal(1, await CountAsync(app, marker));
    }

    private const string SqliteCommitGuard = """
        CREATE TABLE commit_guard (article INTEGER REFERENCES "Articles" ("Id") DEFERRABLE INITIALLY DEFERRED);
        CREATE TRIGGER commit_guard AFTER INSERT ON "Comments" BEGIN INSERT INTO commit_guard VALUES (-1); END;
        """;

    private const string PostgresCommitGuard = """
        CREATE TABLE commit_guard (article integer REFERENCES "Articles" ("Id") DEFERRABLE INITIALLY DEFERRED);
        CREATE FUNCTION commit_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO commit_guard VALUES (-1); RETURN NEW; END $$;
        CREATE TRIGGER commit_guard AFTER INSERT ON "Comments" FOR EACH ROW EXECUTE FUNCTION commit_guard();
        """;

    private const string SqliteNoGuard = "DROP TRIGGER commit_guard; DROP TABLE commit_guard;";

    private const string PostgresNoGuard = "DROP TRIGGER commit_guard ON \"Comments\"; DROP FUNCTION commit_guard(); DROP TABLE commit_guard;";

    [Fact]
    public async Task Approved_comments_posted_together_all_show_on_the_next_anonymous_view()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var form = await OpenFormAsync(app);
        var stranger = app.CreateReader();
        var marker = Guid.NewGuid().ToString("N");
        Assert.DoesNotContain(marker, await (await stranger.GetAsync(new Uri(form.Permalink, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            PostAsync(form, $"Seen by all {i} {marker}", $"seen{i}@example.org", Address(i))));
        var page = await stranger.GetPageAsync(form.Permalink);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Equal(10, page.QuerySelectorAll(".comment-content").Count(c => c.TextContent.Contains(marker, StringComparison.Ordinal)));
    }
}
