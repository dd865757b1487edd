using System.Text;
using System.Text.Encodings.Web;

namespace Broadsheet.Search;

// Turns a snippet with private-use marker characters around the matches into safe HTML: the text
// is encoded first, and only then do the markers become <mark> elements we write ourselves.
public static class SearchSnippet
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static string ToHtml(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet))
        {
            return "";
        }
        var html = new StringBuilder(snippet.Length + 32);
        var isOpen = false;
        var runStart = 0;
        for (var i = 0; i <= snippet.Length; i++)
        {
            if (i < snippet.Length && snippet[i] != Open && snippet[i] != Close)
            {
                continue;
            }
            html.Append(HtmlEncoder.Default.Encode(snippet[runStart..i]));
            runStart = i + 1;
            // Stray marker characters in the text itself are dropped; tags always pair up.
            if (i < snippet.Length && (snippet[i] == Open) != isOpen)
            {
                html.Append(isOpen ? "</mark>" : "<mark>");
                isOpen = !isOpen;
            }
        }
        return isOpen ? html.Append("</mark>").ToString() : html.ToString();
    }

    // A few lines of marked text around its first mark, on word boundaries: some words before it,
    // the rest after, with an ellipsis where text was cut (as SQLite's snippet() would show it).
    private const int MaxLength = 240;

    public static string Around(string marked, int words = 24, int before = 6)
    {
        var first = marked.IndexOf(Open, StringComparison.Ordinal);
        if (first < 0)
        {
            return marked;
        }
        // Back to the start of the word `before` words ahead of the marked one.
        var start = first;
        for (var wordStarts = 0; start > 0; start--)
        {
            if (char.IsWhiteSpace(marked[start - 1]) && !char.IsWhiteSpace(marked[start]) && ++wordStarts == before + 1)
            {
                break;
            }
        }
        var end = start;
        for (var wordEnds = 0; end < marked.Length; end++)
        {
            if (char.IsWhiteSpace(marked[end]) && end > start && !char.IsWhiteSpace(marked[end - 1]) && ++wordEnds == words)
            {
                break;
            }
        }
        // Text without spaces (Chinese, Japanese) has no words to count: cut by characters instead.
        if (end - start > MaxLength)
        {
            start = Math.Max(start, first - (MaxLength / 4));
            end = Math.Min(end, start + MaxLength);
        }
        var cut = marked[start..end].Trim();
        return (start > 0 ? "…" : "") + cut + (end < marked.Length ? "…" : "");
    }

    // For matches the snippet function cannot mark (short Chinese words): marks the first
    // occurrence of any term in the text, and cuts a window around it.
    public static string Mark(string text, IEnumerable<string> terms, int window = 80)
    {
        foreach (var term in terms)
        {
            var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                var start = Math.Max(0, at - window);
                var end = Math.Min(text.Length, at + term.Length + window);
                return (start > 0 ? "…" : "") + text[start..at] + Open + text.Substring(at, term.Length) + Close
                    + text[(at + term.Length)..end] + (end < text.Length ? "…" : "");
            }
        }
        return text.Length > 2 * window ? text[..(2 * window)] + "…" : text;
    }
}
