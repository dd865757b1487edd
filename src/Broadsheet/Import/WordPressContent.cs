using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Broadsheet.Articles;

namespace Broadsheet.Import;

// Turns a WordPress post body into article HTML that renders like the original: block comments go
// (their inner HTML stays), shortcodes become plain HTML, classic text gets wpautop's paragraphs,
// and ArticleBody's sanitiser runs last, as for every article. Never an iframe: [embed] is a link.
public static partial class WordPressContent
{
    // Returns the body to give Article.SetBody.
    public static string ToArticleBody(string wordPressHtml, IReadOnlyDictionary<int, string> attachmentUrls)
    {
        var text = wordPressHtml;
        // The block editor's content is already HTML; WordPress itself skips wpautop for it.
        var isBlocks = text.Contains("<!-- wp:", StringComparison.Ordinal);
        text = BlockComment().Replace(text, "");
        text = ReplaceShortcodes(text, attachmentUrls);
        if (!isBlocks)
        {
            text = Autop.Apply(text);
        }
        // The result is the article's "Markdown": sanitised HTML that Markdig passes through as it
        // is, because no blank line interrupts an HTML block, except around <pre>, which then forms
        // its own block and keeps the blank lines inside it. Rendering it again gives itself.
        text = OutsideCode(text, part => NoBlankLines().Replace(part, "\n"), PreElement());
        return SeparatePre(ArticleBody.ToHtml(SeparatePre(text))).Trim();
    }

    private static string SeparatePre(string html) =>
        AroundPre().Replace(html, m => m.Groups["open"].Success ? "\n\n<pre" : "</pre>\n\n");

    private static string ReplaceShortcodes(string text, IReadOnlyDictionary<int, string> attachmentUrls)
    {
        text = Caption().Replace(text, m => CaptionFigure(m.Groups["attrs"].Value, m.Groups["inner"].Value));
        text = Embed().Replace(text, m =>
        {
            var url = m.Groups["url"].Value.Trim();
            return $"\n\n<p><a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p>\n\n";
        });
        text = Gallery().Replace(text, m => GalleryList(m.Groups["attrs"].Value, attachmentUrls));
        // Unknown shortcodes: the paired ones keep what they enclose, the lone ones disappear.
        // [[name]] is WordPress's escape for a literal [name]. Code samples (arr[i]) are left alone.
        return OutsideCode(text, ReplaceUnknownShortcodes, CodeElement());
    }

    // The inverse, for exports: text that WordPress (or this importer) would take for a shortcode
    // is escaped the WordPress way, [[name]], outside code samples.
    public static string EscapeShortcodes(string html) =>
        OutsideCode(html, part => ShortcodeLike().Replace(part, m => "[" + m.Value + "]"), CodeElement());

    private static string ReplaceUnknownShortcodes(string part)
    {
        for (var previous = ""; previous != part;)
        {
            previous = part;
            part = PairedShortcode().Replace(part, m => m.Groups["inner"].Value);
        }
        return LoneShortcode().Replace(part, m => m.Groups["escaped"].Success ? $"[{m.Groups["escaped"].Value}]" : "");
    }

    private static string OutsideCode(string text, Func<string, string> transform, Regex code)
    {
        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match element in code.Matches(text))
        {
            result.Append(transform(text[last..element.Index])).Append(element.Value);
            last = element.Index + element.Length;
        }
        return result.Append(transform(text[last..])).ToString();
    }

    private static string CaptionFigure(string attributes, string inner)
    {
        inner = inner.Trim();
        var media = LeadingMedia().Match(inner);
        var image = media.Success ? media.Value : "";
        var caption = media.Success ? inner[media.Length..].Trim() : inner;
        if (caption.Length == 0 && Attribute(attributes, "caption") is { } fromAttribute)
        {
            caption = fromAttribute;
        }
        var figcaption = caption.Length > 0 ? $"<figcaption>{caption}</figcaption>" : "";
        return $"\n\n<figure>{image}{figcaption}</figure>\n\n";
    }

    private static string GalleryList(string attributes, IReadOnlyDictionary<int, string> attachmentUrls)
    {
        var items = new StringBuilder();
        foreach (var id in (Attribute(attributes, "ids") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var number) && attachmentUrls.TryGetValue(number, out var url))
            {
                items.Append("<li><figure><img src=\"").Append(WebUtility.HtmlEncode(url)).Append("\" alt=\"\"></figure></li>");
            }
        }
        return items.Length == 0 ? "" : $"\n\n<ul class=\"gallery\">{items}</ul>\n\n";
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"\b{name}\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s\]]+))", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex(@"\[/?[A-Za-z][\w-]*(?:\s[^\]]*)?/?\]")]
    private static partial Regex ShortcodeLike();

    [GeneratedRegex(@"<!--\s*/?wp:[^>]*?-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[caption(?<attrs>[^\]]*)\](?<inner>.*?)\[/caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>.*?)\[/embed\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[gallery(?<attrs>[^\]]*)\]", RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"(?<!\[)\[(?<name>[A-Za-z][\w-]*)(?:\s[^\]]*)?\](?<inner>.*?)\[/\k<name>\](?!\])", RegexOptions.Singleline)]
    private static partial Regex PairedShortcode();

    [GeneratedRegex(@"\[\[(?<escaped>[A-Za-z][\w-]*[^\]]*)\]\]|\[[A-Za-z][\w-]*(?:\s[^\]]*)?/?\]")]
    private static partial Regex LoneShortcode();

    [GeneratedRegex(@"^(?:<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingMedia();

    [GeneratedRegex(@"<(pre|code)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CodeElement();

    [GeneratedRegex(@"<pre\b.*?</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PreElement();

    [GeneratedRegex(@"\s*(?<open><pre\b)|(?<close></pre>)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AroundPre();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex NoBlankLines();
}
