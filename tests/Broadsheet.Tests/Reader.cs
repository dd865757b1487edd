using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Broadsheet.Tests;

// What a reader's browser does, over HTTP: fetch pages, read them, send the comment form.
public static class Reader
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    // The permalink of the first article on the home page that has at least one comment.
    public static async Task<string> FirstArticleWithCommentsAsync(this HttpClient client)
    {
        var home = await client.GetPageAsync("/");
        return home.QuerySelectorAll(".article-summary")
            .Where(a => !a.QuerySelector(".meta a[href$='#comments']")!.TextContent.StartsWith("No", StringComparison.Ordinal))
            .Select(a => a.QuerySelector("h2 a")!.GetAttribute("href")!)
            .First();
    }

    public static async Task<string> FirstArticleAsync(this HttpClient client) =>
        (await client.GetPageAsync("/")).QuerySelector(".article-summary h2 a")!.GetAttribute("href")!;

    // Opens the article, fills the comment form as given and posts it with a token, fetched as
    // comments.js does (cached pages carry none).
    public static async Task<HttpResponseMessage> PostCommentAsync(this HttpClient client, string permalink,
        Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(permalink);
        var form = (IHtmlFormElement)page.QuerySelector("form#commentform")!;
        var values = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.CommentTokenAsync(form),
            ["parent"] = "0",
        };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return await client.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(values),
            TestContext.Current.CancellationToken);
    }

    // Sends the comment form of a page as it stands, as a reader would by pressing Post Comment again.
    public static async Task<HttpResponseMessage> PostCommentFormAsync(this HttpClient client, string permalink, IHtmlDocument page)
    {
        var form = page.QuerySelector("form#commentform")!;
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type != "checkbox" || i.IsChecked)
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]").Select(t => KeyValuePair.Create(t.Name!, t.Value)));
        return await client.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(values),
            TestContext.Current.CancellationToken);
    }

    // The form's token when the page has one (an answer to a post), else one from the form's
    // token address, as comments.js asks for it when the reader starts writing.
    public static async Task<string> CommentTokenAsync(this HttpClient client, IElement? form = null)
    {
        if (form?.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value is { Length: > 0 } token)
        {
            return token;
        }
        var address = form?.GetAttribute("data-token-url") ?? "/comment-token/";
        var answer = await client.GetFromJsonAsync<TokenAnswer>(new Uri(address, UriKind.Relative), TestContext.Current.CancellationToken);
        return answer!.Token;
    }

    private sealed record TokenAnswer(string Token);

    public static Dictionary<string, string> ValidComment(string text, string email = "reader@example.org") => new()
    {
        ["comment"] = text,
        ["author"] = "Ada Reader",
        ["email"] = email,
        ["url"] = "",
    };
}
