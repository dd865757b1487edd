using System.Net;
using Broadsheet.Import;

namespace Broadsheet.Tests.Import;

// Sites that chose another structure under Settings → Permalinks keep their addresses too.
public sealed class PermalinkStructureTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = Importing.EmptySite();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Import:PermalinkStructure"] = "/%category%/%postname%-%post_id%/";
        await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_post_answers_at_the_address_its_permalink_structure_gave_it()
    {
        using var reader = _app.CreateReader();

        var response = await reader.GetAsync(new Uri("/news/local/harbour-reopens-101/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/2024/03/05/harbour-reopens/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Every_WordPress_structure_tag_is_expanded()
    {
        var local = new DateTime(2024, 3, 5, 7, 8, 9, DateTimeKind.Unspecified);

        var path = OldPermalinks.Expand("/%year%/%monthnum%/%day%/%hour%/%minute%/%second%/%post_id%/%postname%/%category%/%author%",
            local, "héllo-wörld", 42, "news/local", "editor");

        Assert.Equal("/2024/03/05/07/08/09/42/héllo-wörld/news/local/editor/", path);
    }
}
