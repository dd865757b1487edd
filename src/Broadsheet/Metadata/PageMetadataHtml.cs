using System.Text.Encodings.Web;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Broadsheet.Metadata;

// A page's metadata in the layout's <head>: description, canonical address, OpenGraph and Twitter
// tags, feed links and the JSON-LD block. Was a partial view, rendered on every reader page: a
// partial costs a view lookup, a view context and a buffer of its own, and each of its two dozen
// lines was several buffered writes. The markup is the partial's, whitespace included (the first
// line follows the layout's indent); every value goes through the page's encoder as Razor's
// attributes did. The JSON-LD was escaped for its script block by StructuredData.
public sealed class PageMetadataHtml : IHtmlContent
{
    private readonly ViewDataDictionary _viewData;
    private readonly HttpContext _context;
    private readonly SiteAddress _address;
    private readonly SiteOptions _site;
    private readonly bool _isFound;

    public PageMetadataHtml(ViewDataDictionary viewData, HttpContext context, SiteAddress address, SiteOptions site)
    {
        (_viewData, _context, _address, _site) = (viewData, context, address, site);
        // As the layout runs, which is when the partial read it.
        _isFound = context.Response.StatusCode == StatusCodes.Status200OK;
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var meta = _viewData[PageMetadata.Key] as PageMetadata ?? new PageMetadata();
        var title = _viewData["Title"] as string ?? _site.Title;
        var description = _viewData["Description"] is string { Length: > 0 } given ? given : _site.Tagline;

        Tag(writer, encoder, "<meta name=\"description\" content=\"", description, "\">\n");
        if (_viewData["Robots"] is string robots)
        {
            Tag(writer, encoder, "  <meta name=\"robots\" content=\"", robots, "\">\n");
        }
        if (_isFound)
        {
            var canonical = _address.Absolute(_context.Request, _context.Request.Path.ToUriComponent());
            Tag(writer, encoder, "  <link rel=\"canonical\" href=\"", canonical, "\">\n");
            Tag(writer, encoder, "  <meta property=\"og:url\" content=\"", canonical, "\">\n");
        }
        Tag(writer, encoder, "<meta property=\"og:site_name\" content=\"", _site.Title, "\">\n");
        Tag(writer, encoder, "<meta property=\"og:title\" content=\"", title, "\">\n");
        Tag(writer, encoder, "<meta property=\"og:description\" content=\"", description, "\">\n");
        Tag(writer, encoder, "<meta property=\"og:type\" content=\"", meta.OpenGraphType, "\">\n");
        writer.Write("<meta property=\"og:locale\" content=\"en_GB\">\n");
        if (meta.ImageUrl is { } image)
        {
            Tag(writer, encoder, "  <meta property=\"og:image\" content=\"", image, "\">\n");
        }
        if (meta.Published is { } published)
        {
            Time(writer, encoder, "  <meta property=\"article:published_time\" content=\"", published);
        }
        if (meta.Modified is { } modified)
        {
            Time(writer, encoder, "  <meta property=\"article:modified_time\" content=\"", modified);
        }
        if (meta.Section is { } section)
        {
            Tag(writer, encoder, "  <meta property=\"article:section\" content=\"", section, "\">\n");
        }
        foreach (var tag in meta.Tags)
        {
            Tag(writer, encoder, "  <meta property=\"article:tag\" content=\"", tag, "\">\n");
        }
        writer.Write(meta.ImageUrl is null
            ? "<meta name=\"twitter:card\" content=\"summary\">\n"
            : "<meta name=\"twitter:card\" content=\"summary_large_image\">\n");
        Tag(writer, encoder, "<meta name=\"twitter:title\" content=\"", title, "\">\n");
        Tag(writer, encoder, "<meta name=\"twitter:description\" content=\"", description, "\">\n");
        var baseUrl = _address.BaseUrl(_context.Request);
        foreach (var feed in FeedLink.For(_context.Request.Path.Value ?? "/", title, _site.Title).Concat(meta.Feeds))
        {
            // The media type is one of our constants: written as it is, so that "+" is not an entity.
            writer.Write("  <link rel=\"alternate\" type=\"");
            writer.Write(feed.MediaType);
            Tag(writer, encoder, "\" title=\"", feed.Title, "\" href=\"");
            encoder.Encode(writer, baseUrl);
            encoder.Encode(writer, feed.Path);
            writer.Write("\">\n");
        }
        if (meta.JsonLd is { } jsonLd)
        {
            writer.Write("  <script type=\"application/ld+json\">");
            jsonLd.WriteTo(writer, encoder);
            writer.Write("</script>\n");
        }
    }

    private static void Tag(TextWriter writer, HtmlEncoder encoder, string before, string value, string after)
    {
        writer.Write(before);
        encoder.Encode(writer, value);
        writer.Write(after);
    }

    private static void Time(TextWriter writer, HtmlEncoder encoder, string before, DateTimeOffset time)
    {
        writer.Write(before);
        Span<char> text = stackalloc char[TimeText.MaxLength];
        Span<char> encoded = stackalloc char[TimeText.MaxLength * 8];
        // Digits, dashes, colons and a sign: the encoder writes the "+" as an entity, as Razor did.
        encoder.Encode(text[..TimeText.W3c(time, text)], encoded, out _, out var length);
        writer.Write(encoded[..length]);
        writer.Write("\">\n");
    }
}
