using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml;
using System.Xml.Linq;

namespace Broadsheet.Feeds;

// Writes a FeedContent as RSS 2.0 or Atom 1.0 with System.ServiceModel.Syndication. Every string
// passes through XmlSafe (XML 1.0 cannot carry control characters at all, escaped or not), and the
// XmlWriter escapes markup, so no title or comment can break the document.
public static class FeedWriter
{
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";
    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    public static async Task<byte[]> WriteAsync(FeedContent content, FeedFormat format, string baseUrl, string selfPath)
    {
        var feed = new SyndicationFeed(XmlSafe(content.Title), XmlSafe(content.Description), new Uri(baseUrl + content.PagePath))
        {
            Id = baseUrl + selfPath,
            Language = "en",
            Generator = "Broadsheet",
            LastUpdatedTime = content.Entries.Count == 0 ? DateTimeOffset.UnixEpoch : content.Entries.Max(e => Utc(e.Updated)),
            Items = [.. content.Entries.Select(entry => ToItem(entry, format, baseUrl))],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(baseUrl + selfPath), MediaType(format)));
        if (format == FeedFormat.Atom)
        {
            feed.Authors.Add(new SyndicationPerson { Name = XmlSafe(content.Title) });
        }
        else
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCore);
            feed.AttributeExtensions.Add(new XmlQualifiedName("content", "http://www.w3.org/2000/xmlns/"), ContentModule);
        }
        using var stream = new MemoryStream();
        await using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Atom ? new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed);
            formatter.WriteTo(xml);
            await xml.FlushAsync();
        }
        return stream.ToArray();
    }

    public static string MediaType(FeedFormat format) =>
        format == FeedFormat.Atom ? "application/atom+xml" : "application/rss+xml";

    private static SyndicationItem ToItem(FeedEntry entry, FeedFormat format, string baseUrl)
    {
        var item = new SyndicationItem
        {
            Id = baseUrl + entry.Id,
            Title = new TextSyndicationContent(XmlSafe(entry.Title)),
            PublishDate = Utc(entry.Published),
            LastUpdatedTime = Utc(entry.Updated),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(baseUrl + entry.Path)));
        if (entry.Category is { } category)
        {
            item.Categories.Add(new SyndicationCategory(XmlSafe(category)));
        }
        if (format == FeedFormat.Atom)
        {
            item.Authors.Add(new SyndicationPerson { Name = XmlSafe(entry.AuthorName) });
            item.Summary = new TextSyndicationContent(XmlSafe(entry.SummaryText));
            if (entry.ContentHtml is { } html)
            {
                item.Content = new TextSyndicationContent(XmlSafe(html), TextSyndicationContentKind.Html);
            }
        }
        else
        {
            // RSS readers treat <description> as HTML: the plain-text summary is encoded for that.
            item.Summary = new TextSyndicationContent(HtmlEncoder.Default.Encode(XmlSafe(entry.SummaryText)));
            item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCore), XmlSafe(entry.AuthorName)));
            if (entry.ContentHtml is { } html)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentModule), XmlSafe(html)));
            }
        }
        return item;
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    // Drops what XML 1.0 cannot hold (control characters, lone surrogates), keeping everything else.
    public static string XmlSafe(string text)
    {
        var firstBad = 0;
        while (firstBad < text.Length && IsXmlAt(text, firstBad, out var width))
        {
            firstBad += width;
        }
        if (firstBad == text.Length)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (IsXmlAt(text, i, out var width))
            {
                clean.Append(text, i, width);
            }
            i += width;
        }
        return clean.ToString();
    }

    private static bool IsXmlAt(string text, int index, out int width)
    {
        if (index + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[index + 1], text[index]))
        {
            width = 2;
            return true;
        }
        width = 1;
        return XmlConvert.IsXmlChar(text[index]);
    }
}
