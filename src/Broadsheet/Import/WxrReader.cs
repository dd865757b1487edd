using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace Broadsheet.Import;

// Reads a WXR file as a stream: one element of the channel at a time is loaded (an author, a
// term, an item with its comments) and handed on, so memory stays flat whatever the file size.
public static class WxrReader
{
    public static async IAsyncEnumerable<WxrEntry> ReadAsync(Stream file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var settings = new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true };
        using var reader = XmlReader.Create(file, settings);
        var lines = (IXmlLineInfo)reader;
        string title = "", siteUrl = "", blogUrl = "";
        var siteReported = false;
        if (!await ReadToChannelSafelyAsync(reader, lines))
        {
            throw new WxrException(lines.LineNumber, "this is not a WordPress export: no <rss><channel> found");
        }
        await ReadSafelyAsync(reader);
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "channel"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadSafelyAsync(reader);
                continue;
            }
            var line = lines.LineNumber;
            XElement element;
            try
            {
                element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
            }
            catch (XmlException malformed)
            {
                throw new WxrException(malformed.LineNumber, $"the file is not well-formed XML: {malformed.Message}");
            }
            var name = element.Name.LocalName;
            switch (name)
            {
                case "title": title = element.Value; continue;
                case "base_site_url": siteUrl = element.Value; continue;
                case "base_blog_url": blogUrl = element.Value; continue;
                case "item" when !siteReported:
                    siteReported = true;
                    yield return new WxrSite(line, title, siteUrl, blogUrl.Length > 0 ? blogUrl : siteUrl);
                    break;
            }
            yield return ReadEntry(element, name, line);
        }
        if (!siteReported)
        {
            yield return new WxrSite(lines.LineNumber, title, siteUrl, blogUrl.Length > 0 ? blogUrl : siteUrl);
        }
    }

    // A value that cannot be read spoils its entry only: the importer decides whether to stop.
    private static WxrEntry ReadEntry(XElement element, string name, int line)
    {
        try
        {
            return name switch
            {
                "author" => ReadAuthor(element, line),
                "category" => ReadCategory(element, line),
                "tag" => ReadTag(element, line),
                "item" => WxrItemReader.Read(element, line),
                _ => new WxrOther(line),
            };
        }
        catch (WxrException invalid)
        {
            return new WxrInvalid(line, $"<{name}>" + (WxrValues.Text(element, "post_id") is { Length: > 0 } id ? $" post {id}" : ""), invalid.Reason);
        }
    }

    private static async Task ReadSafelyAsync(XmlReader reader)
    {
        try
        {
            await reader.ReadAsync();
        }
        catch (XmlException malformed)
        {
            throw new WxrException(malformed.LineNumber, $"the file is not well-formed XML: {malformed.Message}");
        }
    }

    private static async Task<bool> ReadToChannelSafelyAsync(XmlReader reader, IXmlLineInfo lines)
    {
        try
        {
            return await ReadToChannelAsync(reader);
        }
        catch (XmlException malformed)
        {
            throw new WxrException(malformed.LineNumber > 0 ? malformed.LineNumber : lines.LineNumber,
                $"the file is not well-formed XML: {malformed.Message}");
        }
    }

    private static async Task<bool> ReadToChannelAsync(XmlReader reader)
    {
        while (await reader.ReadAsync())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "channel")
            {
                return true;
            }
        }
        return false;
    }

    private static WxrAuthor ReadAuthor(XElement author, int line) => new(
        line, WxrValues.OptionalInt(author, "author_id", line), WxrValues.Text(author, "author_login"),
        WxrValues.Text(author, "author_email"), WxrValues.Text(author, "author_display_name"));

    private static WxrCategory ReadCategory(XElement category, int line) => new(
        line, WxrValues.OptionalInt(category, "term_id", line), Uri.UnescapeDataString(WxrValues.Text(category, "category_nicename")),
        WxrValues.Text(category, "category_parent") is { Length: > 0 } parent ? Uri.UnescapeDataString(parent) : null,
        WxrValues.Text(category, "cat_name"), WxrValues.Text(category, "category_description"));

    private static WxrTag ReadTag(XElement tag, int line) => new(
        line, WxrValues.OptionalInt(tag, "term_id", line), Uri.UnescapeDataString(WxrValues.Text(tag, "tag_slug")),
        WxrValues.Text(tag, "tag_name"));
}

// Element values by local name: WXR 1.0, 1.1 and 1.2 differ only in the namespace version.
internal static class WxrValues
{
    public static string Text(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value ?? "";

    public static int? OptionalInt(XElement parent, string localName, int line)
    {
        var text = Text(parent, localName).Trim();
        if (text.Length == 0)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : throw new WxrException(line, $"<{localName}> '{text}' is not a whole number");
    }

    public static long OptionalLong(XElement parent, string localName, int line)
    {
        var text = Text(parent, localName).Trim();
        if (text.Length == 0)
        {
            return 0;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : throw new WxrException(line, $"<{localName}> '{text}' is not a whole number");
    }

    // WordPress writes "2024-03-05 14:30:00", and "0000-00-00 00:00:00" for "not set" (drafts).
    public static DateTime? Date(XElement parent, string localName, int line)
    {
        var text = Text(parent, localName).Trim();
        if (text.Length == 0 || text.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return null;
        }
        return DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value : throw new WxrException(line, $"<{localName}> '{text}' is not a date like 2024-03-05 14:30:00");
    }
}
