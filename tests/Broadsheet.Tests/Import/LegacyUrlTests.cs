using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// Old WordPress links land on the right article, comment, section, tag or author, with a 301.
// The site has the demo newsroom too, so that one imported comment number is already taken.
public sealed class LegacyUrlTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = new();
    private HttpClient _reader = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _reader = _app.CreateReader();
        await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("/?p=101", "/2024/03/05/harbour-reopens/")]
    [InlineData("/?page_id=201", "/about/")]
    [InlineData("/?page_id=202", "/about/team/")]
    [InlineData("/team/", "/about/team/")]
    [InlineData("/2024/03/05/team/", "/about/team/")]
    [InlineData("/2024/04/01/harbour-reopens/", "/2024/04/01/harbour-reopens-2/")]
    [InlineData("/category/news/local/", "/category/local/")]
    [InlineData("/?cat=3", "/category/local/")]
    [InlineData("/?tag=harbour", "/tag/harbour/")]
    [InlineData("/?author=2", "/author/miriam/")]
    public async Task An_old_address_answers_301_to_its_new_place(string old, string target)
    {
        var response = await _reader.GetAsync(new Uri(old, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
        var landed = await _reader.GetAsync(new Uri(target.Split('#')[0], UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
    }

    // Comment pages used to be legacy addresses answered with a 301 to the article's comments.
    // They are real pages now (Comments/CommentPageTests), so a WordPress-era page number this
    // thread does not have (the old site had smaller pages) lands on the comments with a 302: as
    // the thread grows, the same number becomes a real page.
    [Fact]
    public async Task A_wordpress_comment_page_this_thread_does_not_have_lands_on_the_comments()
    {
        var response = await _reader.GetAsync(new Uri("/2024/03/05/harbour-reopens/comment-page-2/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/2024/03/05/harbour-reopens/#comments", Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
    }

    // The old address of a renamed article moved for good (301), so its comment page goes to the
    // same comment page of the new address, which then decides (here its only page is the article).
    [Fact]
    public async Task A_comment_page_of_an_old_address_goes_to_the_same_comment_page_of_the_new_one()
    {
        var response = await _reader.GetAsync(new Uri("/2024/04/01/harbour-reopens/comment-page-1/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/2024/04/01/harbour-reopens-2/comment-page-1/", Uri.UnescapeDataString(response.Headers.Location!.OriginalString));
        var onward = await _reader.GetAsync(response.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.Found, onward.StatusCode);
        Assert.Equal("/2024/04/01/harbour-reopens-2/#comments", Uri.UnescapeDataString(onward.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_link_to_an_old_comment_lands_on_the_comment_it_named()
    {
        var response = await _reader.GetAsync(new Uri("/?p=101", UriKind.Relative), Cancel); // the browser keeps #comment-1005

        var page = await _reader.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Reader 5", page.QuerySelector("li#comment-1005 .comment-author")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("li#comment-1004 > ol.children > li#comment-1005"));
    }

    [Fact]
    public async Task An_old_reply_link_whose_number_is_taken_here_goes_to_the_comment_it_meant()
    {
        var imported = await _app.WithDbAsync(db => db.Comments.SingleAsync(c => c.WordPressId == 3, Cancel));
        Assert.NotEqual(3, imported.Id);

        var response = await _reader.GetAsync(new Uri("/about/team/?replytocom=3", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/about/team/?replytocom={imported.Id}#respond", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_reply_link_of_a_current_comment_still_opens_the_reply_form()
    {
        var native = await _app.WithDbAsync(db => db.Comments.Include(c => c.Article)
            .SingleAsync(c => c.Id == 3, Cancel));
        var pageOfNative = await _app.WithDbAsync(db => Task.FromResult(
            new Broadsheet.Articles.Permalinks(new Broadsheet.Shared.SiteClock(TimeProvider.System,
                Microsoft.Extensions.Options.Options.Create(new Broadsheet.Shared.SiteOptions()))).For(native.Article)));

        var response = await _reader.GetAsync(new Uri($"{pageOfNative}?replytocom=3", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Reader.ParseAsync(response);
        Assert.Equal("3", page.QuerySelector("form#commentform input[name=parent]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Private_pending_and_draft_posts_stay_hidden_and_pages_are_not_listed()
    {
        foreach (var id in new[] { 103, 104, 105, 106 })
        {
            var response = await _reader.GetAsync(new Uri($"/?p={id}", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the home page, no redirect
        }
        var privateNote = await _reader.GetAsync(new Uri("/2024/03/05/private-note/", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, privateNote.StatusCode);
        var archive = await _reader.GetPageAsync("/author/editor/");
        Assert.DoesNotContain(archive.QuerySelectorAll(".article-summary h2"), h => h.TextContent.Contains("Private", StringComparison.Ordinal));
        var miriam = await _reader.GetPageAsync("/author/miriam/");
        Assert.DoesNotContain(miriam.QuerySelectorAll(".article-summary h2"), h => h.TextContent.Contains("About", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Imported_comments_show_their_allowed_HTML_and_nothing_hostile()
    {
        var page = await _reader.GetPageAsync("/2024/03/05/harbour-reopens/");

        var hostile = page.QuerySelector("li#comment-1017")!;
        Assert.NotNull(hostile.QuerySelector(".comment-content strong"));
        Assert.Null(hostile.QuerySelector("script, img, iframe"));
        Assert.Equal("<script>alert(1)</script>Mallory", hostile.QuerySelector(".comment-author")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("li#comment-1013")); // pending
        Assert.Null(page.QuerySelector("li#comment-1014")); // spam
    }
}
