using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Broadsheet.Articles;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// What WordPress nests or multiplies survives the move: every category of a post (the primary one
// is the one WordPress put in its address), and the page tree with its nested addresses.
public sealed class WordPressHierarchyTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = Importing.EmptySite();
    private HttpClient _reader = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Import:PermalinkStructure"] = "/%category%/%post_id%/";
        _reader = _app.CreateReader();
        await _app.ImportWordPressAsync(Importing.Fixture("hierarchy.xml"));
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<Article> ImportedAsync(int wordPressId) => _app.WithDbAsync(db => db.Articles.AsNoTracking()
        .Include(a => a.Category).Include(a => a.SecondaryCategories).SingleAsync(a => a.WordPressId == wordPressId, Cancel));

    [Theory]
    [InlineData(501, "sport", new[] { "politics", "world" })] // lowest term id, as WordPress's %category%
    [InlineData(502, "culture", new[] { "sport" })] // Yoast SEO's primary category wins over the lower id
    [InlineData(503, "world", new string[0])]
    [InlineData(504, "world", new[] { "sport" })] // our own export names it by slug
    public async Task A_post_keeps_every_category_with_the_one_WordPress_used_as_its_section(int postId, string primary, string[] others)
    {
        var article = await ImportedAsync(postId);

        Assert.Equal(primary, article.Category.Slug);
        Assert.Equal(others, article.SecondaryCategories.Select(c => c.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_category_in_an_old_address_is_the_primary_one()
    {
        var sport = await _reader.GetAsync(new Uri("/sport/501/", UriKind.Relative), Cancel);
        var politics = await _reader.GetAsync(new Uri("/world/politics/501/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, sport.StatusCode);
        Assert.Equal("/2025/01/10/election-night/", sport.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, politics.StatusCode);
    }

    [Fact]
    public async Task An_article_names_its_other_sections_and_their_archives_and_feeds_list_it()
    {
        var article = await _reader.GetPageAsync("/2025/01/10/election-night/");
        var world = await _reader.GetPageAsync("/category/world/");
        var politics = await _reader.GetPageAsync("/category/politics/");
        var feed = await _reader.GetStringAsync(new Uri("/category/world/feed/", UriKind.Relative), Cancel);

        Assert.Equal("Sport", article.QuerySelector(".kicker a")!.TextContent);
        Assert.Equal(["Politics", "World"], article.QuerySelectorAll(".also-in a").Select(a => a.TextContent));
        Assert.Equal(["/category/politics/", "/category/world/"], article.QuerySelectorAll<IHtmlAnchorElement>(".also-in a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["Editors' choice", "Only the world", "Election night"], world.QuerySelectorAll(".article-summary h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Election night"], politics.QuerySelectorAll(".article-summary h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("Election night", feed, StringComparison.Ordinal);
        Assert.Empty((await _reader.GetPageAsync("/2025/01/12/only-the-world/")).QuerySelectorAll(".also-in"));
    }

    [Theory]
    [InlineData("/company/about/history/", "Our history")]
    [InlineData("/company/about/", "About us")]
    [InlineData("/company/", "The company")]
    [InlineData("/contact/", "Contact")]
    public async Task A_page_answers_at_its_nested_address_though_its_parents_came_later_in_the_file(string path, string title)
    {
        var page = await _reader.GetPageAsync(path);

        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/?page_id=603", "/company/about/history/")]
    [InlineData("/?page_id=602", "/company/about/")]
    [InlineData("/history/", "/company/about/history/")]
    [InlineData("/about/history/", "/company/about/history/")]
    [InlineData("/2025/01/10/history/", "/company/about/history/")]
    [InlineData("/company/about/history", "/company/about/history/")]
    public async Task Old_and_flat_addresses_of_a_page_answer_301_to_its_nested_one(string old, string target)
    {
        var response = await _reader.GetAsync(new Uri(old, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/company/nothing-here/")]
    [InlineData("/company/election-night/")] // posts keep their dated addresses only
    [InlineData("/wp-login.php")]
    public async Task An_address_that_is_no_page_is_still_not_found(string path)
    {
        var response = await _reader.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Importing_the_file_again_changes_no_parent_or_section()
    {
        var before = await Snapshot.OfAsync(_app);

        await _app.ImportWordPressAsync(Importing.Fixture("hierarchy.xml"));

        Assert.Equal(before, await Snapshot.OfAsync(_app));
        var history = await _app.WithDbAsync(db => db.Articles.SingleAsync(a => a.WordPressId == 603, Cancel));
        Assert.Equal("company/about/history", history.PagePath);
    }
}
