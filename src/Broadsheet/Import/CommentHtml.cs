using AngleSharp;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Broadsheet.Import;

// Imported WordPress comments were HTML, shown through WordPress's comment allow-list ($allowedtags)
// and wpautop. We keep exactly that: the sanitised HTML goes to Comment.ContentHtml and is
// sanitised again when shown; Comment.Content gets its plain text for moderation and search.
public static class CommentHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    // One parser per thread: an import sanitises hundreds of thousands of comments, and building
    // a parser for each (as HtmlSanitizer.Sanitize does) costs more than the sanitising.
    [ThreadStatic]
    private static HtmlParser? _parser;

    public static (string Html, string Text) FromWordPress(string content)
    {
        _parser ??= new HtmlParser();
        // Text that already has its paragraphs (our own exports) is not given them twice.
        var paragraphs = content.Contains("<p>", StringComparison.OrdinalIgnoreCase) ? content : Autop.Apply(content);
        var document = _parser.ParseDocument("<html><body>" + paragraphs);
        Sanitizer.SanitizeDom(document, document.Body);
        var html = document.Body!.ChildNodes.ToHtml(HtmlMarkupFormatter.Instance).Trim();
        foreach (var br in document.Body.QuerySelectorAll("br"))
        {
            br.Replace(document.CreateTextNode("\n"));
        }
        foreach (var paragraph in document.Body.QuerySelectorAll("p"))
        {
            paragraph.Append(document.CreateTextNode("\n"));
        }
        return (html, document.Body.TextContent.Trim());
    }

    // The second lock, when a page shows an imported comment: the same allow-list again.
    public static string Sanitize(string html)
    {
        _parser ??= new HtmlParser();
        var document = _parser.ParseDocument("<html><body>" + html);
        Sanitizer.SanitizeDom(document, document.Body);
        return document.Body!.ChildNodes.ToHtml(HtmlMarkupFormatter.Instance);
    }

    public static string ToPlainText(string html)
    {
        _parser ??= new HtmlParser();
        return _parser.ParseDocument("<html><body>" + html).Body!.TextContent.Trim();
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
