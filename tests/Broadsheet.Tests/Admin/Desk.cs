using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Broadsheet.Tests.Admin;

// The article editor as a newsroom browser uses it.
public static class Desk
{
    public static Dictionary<string, string> Article(string title, string body = "Some **news** from the harbour.", string tags = "") => new()
    {
        ["Form.Title"] = title,
        ["Form.Body"] = body,
        ["Form.Excerpt"] = "A short standfirst.",
        ["Form.Tags"] = tags,
    };

    // Sends the editor's form of the given page (new or existing) with the button `intent`.
    public static Task<HttpResponseMessage> SaveAsync(this HttpClient client, string editorUrl, string intent,
        Dictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? []) { ["intent"] = intent };
        return client.SubmitAsync(editorUrl, "form#article-form", values);
    }

    public static int ArticleId(HttpResponseMessage saved)
    {
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        return int.Parse(saved.Headers.Location!.OriginalString.Split('/')[3], CultureInfo.InvariantCulture);
    }

    public static async Task<string?> PermalinkAsync(this HttpClient client, int id) =>
        (await client.GetPageAsync($"/admin/articles/{id}/")).QuerySelectorAll<IHtmlAnchorElement>("a")
            .FirstOrDefault(a => a.TextContent == "View on the site")?.GetAttribute("href");

    public static async Task<IHtmlDocument> EditorAsync(this HttpClient client, int id) =>
        await client.GetPageAsync($"/admin/articles/{id}/");
}
