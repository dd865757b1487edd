using System.Text.Encodings.Web;
using Broadsheet.Articles;
using Microsoft.AspNetCore.Html;

namespace Broadsheet.Search;

// "Related articles" and the section's previous and next, under an article. Was a partial view:
// a partial costs a view lookup, a view context and a buffer of its own on every article view,
// for a few lines of markup. The markup is the partial's, whitespace included; every title and
// address goes through the page's encoder as Razor's did.
public sealed class RelatedReadingHtml(RelatedReading reading, Permalinks permalinks) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        if (reading.Related.Count > 0)
        {
            writer.Write("  <aside class=\"related-articles\" aria-labelledby=\"related-title\">\n    <h2 id=\"related-title\">Related articles</h2>\n    <ul>\n");
            foreach (var article in reading.Related)
            {
                writer.Write("        <li><a href=\"");
                encoder.Encode(writer, permalinks.For(article.PublishedAt, article.Slug));
                writer.Write("\">");
                encoder.Encode(writer, article.Title);
                writer.Write("</a></li>\n");
            }
            writer.Write("    </ul>\n  </aside>\n");
        }
        if (reading.Previous is null && reading.Next is null)
        {
            return;
        }
        writer.Write("  <nav class=\"article-neighbours\" aria-label=\"More in this section\">\n");
        if (reading.Previous is { } previous)
        {
            writer.Write("      <a class=\"previous\" rel=\"prev\" href=\"");
            encoder.Encode(writer, permalinks.For(previous.PublishedAt, previous.Slug));
            writer.Write("\">← ");
            encoder.Encode(writer, previous.Title);
            writer.Write("</a>\n");
        }
        if (reading.Next is { } next)
        {
            writer.Write("      <a class=\"next\" rel=\"next\" href=\"");
            encoder.Encode(writer, permalinks.For(next.PublishedAt, next.Slug));
            writer.Write("\">");
            encoder.Encode(writer, next.Title);
            writer.Write(" →</a>\n");
        }
        writer.Write("  </nav>\n");
    }
}
