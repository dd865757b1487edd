using Ganss.Xss;
using Markdig;

namespace Broadsheet.Articles;

// Article bodies: Markdown → HTML with Markdig, then HtmlSanitizer, always last, so that no
// Markdown extension or raw HTML an editor typed can smuggle script into a page.
public static class ArticleBody
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) =>
        Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    // Plain text of the body, for excerpts and meta descriptions.
    public static string ToPlainText(string markdown) =>
        Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Markdig's heading ids and footnote links need these.
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
                    || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener");
            }
        };
        return sanitizer;
    }
}
