using Broadsheet.Comments;
using Broadsheet.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Import;

// Sites that used Disqus bring its comments, matched to the imported articles and threaded.
public sealed class DisqusImportTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = Importing.EmptySite();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<DisqusReport> ImportDisqusAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await using var file = File.OpenRead(Importing.Fixture("disqus.xml"));
        return await scope.ServiceProvider.GetRequiredService<DisqusImporter>().ImportAsync(file, Cancel);
    }

    [Fact]
    public async Task Disqus_comments_land_on_their_articles_with_threads_and_statuses()
    {
        var report = await ImportDisqusAsync();

        Assert.Equal(5, report.Added);
        Assert.Equal(2, report.Unmatched.Count); // the thread that matches nothing, and its post
        var comments = await _app.WithDbAsync(db => db.Comments.Include(c => c.Article).Where(c => c.DisqusId != null)
            .ToDictionaryAsync(c => c.DisqusId!, Cancel));
        Assert.Equal(101, comments["9001"].Article.WordPressId); // by old link
        Assert.Equal(102, comments["9005"].Article.WordPressId); // by the WordPress plugin's identifier
        Assert.Equal(comments["9001"].Id, comments["9003"].ParentId); // the reply came first in the file
        Assert.Equal(comments["9003"].Id, comments["9004"].ParentId);
        Assert.Equal(CommentStatus.Spam, comments["9005"].Status);
        Assert.Equal(CommentStatus.Trash, comments["9006"].Status);
        Assert.Equal("二番目", comments["9003"].AuthorName);
        Assert.Equal("second@example.org", comments["9003"].AuthorEmail);
        Assert.Equal(new DateTime(2024, 3, 6, 10, 0, 0, DateTimeKind.Utc), comments["9003"].CreatedAt);
        Assert.Equal("<p>First on Disqus 🎉 <a rel=\"nofollow ugc\">x</a><b>bold</b></p>", comments["9001"].ContentHtml);
    }

    [Fact]
    public async Task Importing_the_same_Disqus_file_again_changes_nothing()
    {
        await ImportDisqusAsync();
        var before = await Snapshot.OfAsync(_app);

        var again = await ImportDisqusAsync();

        Assert.Equal(0, again.Added);
        Assert.Equal(before, await Snapshot.OfAsync(_app));
    }
}
