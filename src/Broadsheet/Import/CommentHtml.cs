using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Broadsheet.Import;

// Imported WordPress comments were HTML, shown through WordPress's comment allow-list ($allowedtags)
// and wpautop. We keep exactly that: the sanitised HTML goes to Comment.ContentHtml and is
// sanitised again when shown; Comment.Content gets its plain text for moderation and search.
public static class CommentHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();
    private static readonly HtmlParser Parser = new();

    public static string FromWordPress(string content) => Sanitize(Autop.Apply(content)).Trim();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public static string ToPlainText(string html)
    {
        var document = Parser.ParseDocument("<body>" + html.Replace("<br />", "\n", StringComparison.Ordinal)
            .Replace("</p>", "</p>\n\n", StringComparison.Ordinal) + "</body>");
        return document.Body!.TextContent.Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            // WordPress's comment allow-list, plus the paragraphs and breaks wpautop adds.
            AllowedTags = new HashSet<string>(
                ["a", "abbr", "acronym", "b", "blockquote", "cite", "code", "del", "em", "i", "q", "s", "strike", "strong", "p", "br"],
                StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "cite", "datetime", "rel"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "cite"], StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement link)
            {
                link.SetAttribute("rel", "nofollow ugc");
            }
        };
        return sanitizer;
    }
}
