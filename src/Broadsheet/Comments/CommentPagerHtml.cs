using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Broadsheet.Comments;

// The links between a long thread's comment pages, under the thread. Was a partial view: a partial
// costs a view lookup, a view context and a buffer of its own on every article view, for a few
// lines of markup. The markup is the partial's, whitespace included; the addresses go through the
// page's encoder as Razor's attributes did. pageUrl gives the address of a comment page.
public sealed class CommentPagerHtml(CommentPages.Page shown, Func<int, string> pageUrl) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        if (shown.Count <= 1)
        {
            return;
        }
        writer.Write("  <nav class=\"comment-navigation\" aria-label=\"Comment pages\">\n");
        if (shown.Number > 1)
        {
            writer.Write("      <a class=\"comment-page-older\" rel=\"prev\" href=\"");
            encoder.Encode(writer, pageUrl(shown.Number - 1));
            writer.Write("#comments\">← Older comments</a>\n");
        }
        writer.Write("    <span class=\"comment-page-number\">Comments page ");
        WriteNumber(writer, shown.Number);
        writer.Write(" of ");
        WriteNumber(writer, shown.Count);
        writer.Write("</span>\n");
        if (!shown.IsLast)
        {
            writer.Write("      <a class=\"comment-page-newer\" rel=\"next\" href=\"");
            encoder.Encode(writer, pageUrl(shown.Number + 1));
            writer.Write("#comments\">Newer comments →</a>\n");
        }
        writer.Write("  </nav>\n");
    }

    private static void WriteNumber(TextWriter writer, int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
    }
}
