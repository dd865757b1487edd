using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin;
using Broadsheet.Admin.Audit;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Tests.Admin;
using Broadsheet.Tests.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Operations;

// No process-local truth: two app nodes on one PostgreSQL database, each with its own clock and
// its own background jobs. A staff session and the newsroom's clockwork must behave as on one node.
public sealed class SharedStateTests : IDisposable
{
    private readonly string? _database;
    private readonly BroadsheetApp? _nodeA;
    private readonly BroadsheetApp? _nodeB;

    public SharedStateTests()
    {
        if (!BroadsheetApp.IsPostgres)
        {
            return;
        }
        _database = TestPostgres.CreateDatabase();
        var shared = TestPostgres.ConnectionStringFor(_database);
        _nodeA = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared } };
        _nodeB = new BroadsheetApp { Settings = { ["ConnectionStrings:Postgres"] = shared } };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_login_made_on_one_node_is_valid_on_the_other_until_it_is_signed_out_or_revoked()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var (nodeA, nodeB) = (_nodeA!, _nodeB!);
        await nodeA.CreateAccountAsync(Roles.Editor);
        // One browser whose requests the load balancer sends to either node.
        var cookies = new CookieContainer();
        var onA = nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));

        var signedIn = await onA.SignInAsync(Staff.EmailFor(Roles.Editor), Staff.Password);
        var desk = await onB.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);
        var signedOut = await onA.SubmitAsync("/admin/logout/", "form.admin-form", []);
        var afterSignOut = await onB.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);

        await onB.SignInAsync(Staff.EmailFor(Roles.Editor), Staff.Password);
        var again = await onA.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);
        // Revoked on B (as a password change does): A checks the stamp at Identity's interval.
        await using (var scope = nodeB.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(Staff.EmailFor(Roles.Editor)))!);
        }
        nodeA.Time.Advance(TimeSpan.FromMinutes(2));
        var revoked = await onA.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains(AccountSetup.LoginPath, afterSignOut.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(AccountSetup.LoginPath, revoked.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_article_is_published_once_when_the_publishers_of_both_nodes_run()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var (nodeA, nodeB) = (_nodeA!, _nodeB!);
        var article = await nodeA.AddArticleAsync("Polls close at ten", status: ArticleStatus.Scheduled, age: TimeSpan.FromMinutes(-30));
        var permalink = await nodeA.WithDbAsync(async db => nodeA.Services.GetRequiredService<Permalinks>()
            .For(await db.Articles.FirstAsync(a => a.Id == article.Id, Cancel)));
        await GetAsync(nodeB, permalink);
        var (logsA, logsB) = (LogRecorder.AttachTo(nodeA), LogRecorder.AttachTo(nodeB));

        // Each node's own background pass wakes when its clock passes the hour; on top, both
        // nodes' passes are run by hand at the same moment, as two timers firing together would.
        await Task.WhenAll(Task.Run(() => nodeA.Time.Advance(TimeSpan.FromHours(1)), Cancel), Task.Run(() => nodeB.Time.Advance(TimeSpan.FromHours(1)), Cancel));
        await Task.WhenAll(Jobs(nodeA).RunOnceAsync(Cancel), Jobs(nodeB).RunOnceAsync(Cancel));
        await Until.TrueAsync(() => nodeA.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "article.published", Cancel)));

        var audit = await nodeA.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "article.published").ToListAsync(Cancel));
        Assert.Equal("schedule", Assert.Single(audit).Who);
        Assert.Equal(ArticleStatus.Published, await nodeA.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => a.Status).FirstAsync(Cancel)));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodeA, permalink)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(nodeB, permalink)).StatusCode);
        Assert.Empty(logsA.Errors);
        Assert.Empty(logsB.Errors);
    }

    [Fact]
    public async Task Old_spam_is_purged_once_when_the_purges_of_both_nodes_run_and_its_replies_stay()
    {
        Assert.SkipUnless(BroadsheetApp.IsPostgres, "PostgreSQL only");
        var (nodeA, nodeB) = (_nodeA!, _nodeB!);
        var markedAt = BroadsheetApp.Start.UtcDateTime - TimeSpan.FromDays(31);
        var (spam, reply) = await nodeA.WithDbAsync(async db =>
        {
            var articleId = await db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).FirstAsync(Cancel);
            var spam = Comment(articleId, "Cheap watches", CommentStatus.Spam, markedAt);
            db.Comments.Add(spam);
            await db.SaveChangesAsync(Cancel);
            var reply = Comment(articleId, "Nobody wants those", CommentStatus.Approved, null);
            reply.ParentId = spam.Id;
            db.Comments.Add(reply);
            await db.SaveChangesAsync(Cancel);
            return (spam.Id, reply.Id);
        });
        var (logsA, logsB) = (LogRecorder.AttachTo(nodeA), LogRecorder.AttachTo(nodeB));

        await Task.WhenAll(Task.Run(() => nodeA.Time.Advance(TimeSpan.FromHours(1)), Cancel), Task.Run(() => nodeB.Time.Advance(TimeSpan.FromHours(1)), Cancel));
        await Task.WhenAll(Jobs(nodeA).RunOnceAsync(Cancel), Jobs(nodeB).RunOnceAsync(Cancel));
        await Until.TrueAsync(() => nodeB.WithDbAsync(async db => !await db.Comments.AnyAsync(c => c.Id == spam, Cancel)));

        var kept = await nodeB.WithDbAsync(db => db.Comments.AsNoTracking().FirstAsync(c => c.Id == reply, Cancel));
        Assert.Null(kept.ParentId);
        Assert.Empty(logsA.Errors);
        Assert.Empty(logsB.Errors);
    }

    private static Comment Comment(int articleId, string text, CommentStatus status, DateTime? moderatedAt) => new()
    {
        ArticleId = articleId,
        AuthorName = "Someone",
        AuthorEmail = "someone@example.org",
        Content = $"{text} {Guid.NewGuid():N}",
        Status = status,
        CreatedAt = BroadsheetApp.Start.UtcDateTime - TimeSpan.FromDays(40),
        ModeratedAt = moderatedAt,
    };

    private static NewsroomJobs Jobs(BroadsheetApp node) => node.Services.GetRequiredService<NewsroomJobs>();

    private static Task<HttpResponseMessage> GetAsync(BroadsheetApp node, string url) =>
        node.CreateReader().GetAsync(new Uri(url, UriKind.Relative), Cancel);

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
