using System.Net;

namespace Broadsheet.Tests.Articles;

// The article's address is its path: a query string names no other article, page of the thread
// or nested page. Only replytocom (WordPress's reply links) is read from it, and a value that is no
// comment number is ignored.
public sealed class ArticleQueryStringTests : IDisposable
{
    private readonly BroadsheetApp _app = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static string Title(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("h1")!.TextContent.Trim();

    [Fact]
    public async Task Route_values_in_the_query_string_change_nothing()
    {
        using var reader = _app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var plain = await reader.GetPageAsync(permalink);

        var asked = await reader.GetPageAsync(permalink + "?commentPage=2&pagePath=about&slug=some-other-article");

        Assert.Equal(Title(plain), Title(asked));
        Assert.Equal("0", asked.QuerySelector("form#commentform input[name=parent]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task A_replytocom_that_is_no_comment_number_shows_the_page_as_it_is(string value)
    {
        using var reader = _app.CreateReader();
        var permalink = await reader.FirstArticleWithCommentsAsync();

        var response = await reader.GetAsync(new Uri(permalink + "?replytocom=" + value, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Reader.ParseAsync(response);
        Assert.Equal("0", page.QuerySelector("form#commentform input[name=parent]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_replytocom_of_a_shown_comment_replies_to_it()
    {
        using var reader = _app.CreateReader();
        var permalink = await reader.FirstArticleWithCommentsAsync();
        var id = (await reader.GetPageAsync(permalink)).QuerySelector("li.comment")!.Id!["comment-".Length..];

        var page = await reader.GetPageAsync(permalink + "?replytocom=" + id);

        Assert.Equal(id, page.QuerySelector("form#commentform input[name=parent]")!.GetAttribute("value"));
    }
}
