using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Broadsheet.Comments;

// Comments are plain text. Whatever a reader types is shown as text: every character is encoded,
// then only our own markup is added (paragraphs, line breaks, links with rel="nofollow ugc").
// A second lock follows, with an allow-list of exactly that markup: the sanitizer, or for a comment
// without links a check that its HTML holds paragraphs and line breaks only (see ToHtml).
public static partial class CommentText
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string text)
    {
        var normalized = Normalized(text);
        if (WebAddress().IsMatch(normalized))
        {
            return Sanitizer.Sanitize(Paragraphs(normalized, AppendLinked));
        }
        // Without a web address the markup is only paragraphs and line breaks, and the text is
        // escaped as the sanitizer's own output escapes it, so that the sanitizer (a third of a
        // post's CPU time) would give back exactly this; the second lock is then a check that the
        // HTML holds no tag but ours, and anything else still goes through the sanitizer.
        var html = Paragraphs(normalized, AppendText);
        return HoldsOnlyParagraphs(html) ? html : Sanitizer.Sanitize(html);
    }

    // The way every comment was made before (encoded, then sanitised), kept for the tests that
    // hold ToHtml to giving exactly the same HTML.
    internal static string Sanitized(string text) => Sanitizer.Sanitize(Paragraphs(Normalized(text), AppendLinked));

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string Paragraphs(string normalized, Action<StringBuilder, string> appendLine)
    {
        var html = new StringBuilder(normalized.Length + 32);
        foreach (var paragraph in ParagraphBreak().Split(normalized))
        {
            if (paragraph.Length == 0)
            {
                continue;
            }
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }
                appendLine(html, lines[i]);
            }
            html.Append("</p>");
        }
        return html.ToString();
    }

    // As the HTML serialiser writes a text node: only these four characters are escaped.
    private static void AppendText(StringBuilder html, string line)
    {
        foreach (var c in line)
        {
            var escaped = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\u00A0' => "&nbsp;",
                _ => null,
            };
            if (escaped is null)
            {
                html.Append(c);
            }
            else
            {
                html.Append(escaped);
            }
        }
    }

    private static bool HoldsOnlyParagraphs(string html)
    {
        var tags = html.AsSpan();
        for (var at = tags.IndexOf('<'); at >= 0; at = tags.IndexOf('<'))
        {
            tags = tags[(at + 1)..];
            if (!tags.StartsWith("p>") && !tags.StartsWith("/p>") && !tags.StartsWith("br>"))
            {
                return false;
            }
        }
        return true;
    }

    private static void AppendLinked(StringBuilder html, string line)
    {
        var last = 0;
        foreach (Match match in WebAddress().Matches(line))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            html.Append(WebUtility.HtmlEncode(line[last..match.Index]));
            html.Append("<a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\" rel=\"nofollow ugc\">")
                .Append(WebUtility.HtmlEncode(url)).Append("</a>");
            last = match.Index + url.Length;
        }
        html.Append(WebUtility.HtmlEncode(line[last..]));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "a"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "rel"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        });
        return sanitizer;
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();
}
