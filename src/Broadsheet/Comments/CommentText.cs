using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Broadsheet.Comments;

// Comments are plain text. Whatever a reader types is shown as text: every character is encoded,
// then only our own markup is added (paragraphs, line breaks, links with rel="nofollow ugc").
// The sanitizer runs last, as a second lock, with an allow-list of exactly that markup.
public static partial class CommentText
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
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
                AppendLinked(html, lines[i]);
            }
            html.Append("</p>");
        }
        return Sanitizer.Sanitize(html.ToString());
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
