using System.Text;
using System.Text.RegularExpressions;

namespace Broadsheet.Import;

// A port of WordPress's wpautop(): classic-editor text keeps its paragraphs by blank lines and its
// line breaks by single newlines, except inside block elements and <pre>. Ported rule by rule, so
// that imported posts break exactly where they broke on the old site.
public static partial class Autop
{
    private const string Blocks = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";

    public static string Apply(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') + "\n";
        var pres = new List<string>();
        text = Pre().Replace(text, m =>
        {
            pres.Add(m.Value);
            return $"<pre wp-pre-tag-{pres.Count - 1}></pre>";
        });
        text = DoubleBr().Replace(text, "\n\n");
        text = BlockOpen().Replace(text, "\n\n$1");
        text = BlockClose().Replace(text, "$1\n\n");
        text = Hr().Replace(text, "$1\n\n");
        text = Tag().Replace(text, m => m.Value.Replace("\n", " <!-- wpnl --> ", StringComparison.Ordinal));
        text = FigcaptionOpen().Replace(text, "$1");
        text = FigcaptionClose().Replace(text, "</figcaption>");
        text = ManyNewlines().Replace(text, "\n\n");
        var paragraphs = new StringBuilder();
        foreach (var part in ParagraphSplit().Split(text))
        {
            if (part.Length > 0)
            {
                paragraphs.Append("<p>").Append(part.Trim('\n')).Append("</p>\n");
            }
        }
        text = paragraphs.ToString();
        text = EmptyP().Replace(text, "");
        text = TextEndingInDiv().Replace(text, "<p>$1</p></$2>");
        text = LoneBlockInP().Replace(text, "$1");
        text = ListItemInP().Replace(text, "$1");
        text = BlockquoteInP().Replace(text, "<blockquote$1><p>");
        text = text.Replace("</blockquote></p>", "</p></blockquote>", StringComparison.Ordinal);
        text = PBeforeBlock().Replace(text, "$1");
        text = PAfterBlock().Replace(text, "$1");
        text = ScriptLike().Replace(text, m => m.Value.Replace("\n", "<WPPreserveNewline />", StringComparison.Ordinal));
        text = text.Replace("<br>", "<br />", StringComparison.Ordinal).Replace("<br/>", "<br />", StringComparison.Ordinal);
        text = NewlineToBr().Replace(text, "<br />\n");
        text = text.Replace("<WPPreserveNewline />", "\n", StringComparison.Ordinal);
        text = BrAfterBlock().Replace(text, "$1");
        text = BrBeforeBlock().Replace(text, "$1");
        text = TrailingP().Replace(text, "</p>");
        for (var i = 0; i < pres.Count; i++)
        {
            text = text.Replace($"<pre wp-pre-tag-{i}></pre>", pres[i], StringComparison.Ordinal);
        }
        return text.Replace(" <!-- wpnl --> ", "\n", StringComparison.Ordinal).Replace("<!-- wpnl -->", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<pre[\s>].*?</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Pre();

    [GeneratedRegex(@"<br\s*/?>\s*<br\s*/?>")]
    private static partial Regex DoubleBr();

    [GeneratedRegex(@"(<hr\s*?/?>)")]
    private static partial Regex Hr();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s*(<figcaption[^>]*>)")]
    private static partial Regex FigcaptionOpen();

    [GeneratedRegex(@"</figcaption>\s*")]
    private static partial Regex FigcaptionClose();

    [GeneratedRegex(@"\n\n+")]
    private static partial Regex ManyNewlines();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphSplit();

    [GeneratedRegex(@"<p>\s*</p>")]
    private static partial Regex EmptyP();

    [GeneratedRegex(@"<(script|style|svg|math).*?</\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptLike();

    [GeneratedRegex(@"(?<!<br />)\s*\n")]
    private static partial Regex NewlineToBr();

    [GeneratedRegex(@"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")]
    private static partial Regex BrBeforeBlock();

    [GeneratedRegex(@"\n</p>$")]
    private static partial Regex TrailingP();

    [GeneratedRegex(@"(<" + Blocks + @"[\s/>])")]
    private static partial Regex BlockOpen();

    [GeneratedRegex(@"(</" + Blocks + @">)")]
    private static partial Regex BlockClose();

    [GeneratedRegex(@"<p>([^<]+)</(div|address|form)>")]
    private static partial Regex TextEndingInDiv();

    [GeneratedRegex(@"<p>\s*(</?" + Blocks + @"[^>]*>)\s*</p>")]
    private static partial Regex LoneBlockInP();

    [GeneratedRegex(@"<p>(<li.+?)</p>")]
    private static partial Regex ListItemInP();

    [GeneratedRegex(@"<p><blockquote([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockquoteInP();

    [GeneratedRegex(@"<p>\s*(</?" + Blocks + @"[^>]*>)")]
    private static partial Regex PBeforeBlock();

    [GeneratedRegex(@"(</?" + Blocks + @"[^>]*>)\s*</p>")]
    private static partial Regex PAfterBlock();

    [GeneratedRegex(@"(</?" + Blocks + @"[^>]*>)\s*<br />")]
    private static partial Regex BrAfterBlock();
}
