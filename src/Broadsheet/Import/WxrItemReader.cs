using System.Xml.Linq;

namespace Broadsheet.Import;

// One <item> of a WXR file (post, page or attachment) with its terms, meta and comments.
internal static class WxrItemReader
{
    public static WxrItem Read(XElement item, int line)
    {
        var postId = WxrValues.OptionalInt(item, "post_id", line)
            ?? throw new WxrException(line, "<item> has no <wp:post_id>");
        return new WxrItem(line)
        {
            PostId = postId,
            Title = WxrValues.Text(item, "title"),
            Link = WxrValues.Text(item, "link"),
            Creator = WxrValues.Text(item, "creator"),
            Content = Encoded(item, excerpt: false),
            Excerpt = Encoded(item, excerpt: true),
            PostDate = WxrValues.Date(item, "post_date", line),
            PostDateGmt = WxrValues.Date(item, "post_date_gmt", line),
            ModifiedGmt = WxrValues.Date(item, "post_modified_gmt", line),
            AreCommentsOpen = WxrValues.Text(item, "comment_status") != "closed",
            PostName = Uri.UnescapeDataString(WxrValues.Text(item, "post_name")),
            Status = WxrValues.Text(item, "status") is { Length: > 0 } status ? status : "publish",
            PostParent = WxrValues.OptionalInt(item, "post_parent", line) ?? 0,
            PostType = WxrValues.Text(item, "post_type") is { Length: > 0 } type ? type : "post",
            IsSticky = WxrValues.Text(item, "is_sticky") == "1",
            AttachmentUrl = WxrValues.Text(item, "attachment_url") is { Length: > 0 } url ? url : null,
            // WXR 1.0 also writes each category a second time, bare (no domain, no nicename).
            Terms = [.. item.Elements("category").Select(c => new WxrTerm(
                    (string?)c.Attribute("domain") ?? "category",
                    (string?)c.Attribute("nicename") is { } nicename ? Uri.UnescapeDataString(nicename) : Articles.Slugs.From(c.Value),
                    c.Value))
                .Where(t => t.Slug.Length > 0).DistinctBy(t => (t.Domain, t.Slug))],
            Meta = Meta(item),
            Comments = [.. item.Elements().Where(e => e.Name.LocalName == "comment").Select(c => ReadComment(c, line))],
        };
    }

    private static string Encoded(XElement item, bool excerpt) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == "encoded"
            && e.Name.NamespaceName.Contains("excerpt", StringComparison.Ordinal) == excerpt)?.Value ?? "";

    private static Dictionary<string, string> Meta(XElement item)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in item.Elements().Where(e => e.Name.LocalName == "postmeta"))
        {
            meta.TryAdd(WxrValues.Text(entry, "meta_key"), WxrValues.Text(entry, "meta_value"));
        }
        return meta;
    }

    private static WxrComment ReadComment(XElement comment, int line) => new()
    {
        Id = WxrValues.OptionalLong(comment, "comment_id", line) is var id and > 0
            ? id : throw new WxrException(line, "a <wp:comment> has no <wp:comment_id>"),
        Author = WxrValues.Text(comment, "comment_author"),
        Email = WxrValues.Text(comment, "comment_author_email"),
        Url = WxrValues.Text(comment, "comment_author_url"),
        IpAddress = WxrValues.Text(comment, "comment_author_IP"),
        UserAgent = WxrValues.Text(comment, "comment_agent") is { Length: > 0 } agent ? agent : null,
        Date = WxrValues.Date(comment, "comment_date", line),
        DateGmt = WxrValues.Date(comment, "comment_date_gmt", line),
        Content = WxrValues.Text(comment, "comment_content"),
        Approved = WxrValues.Text(comment, "comment_approved") is { Length: > 0 } approved ? approved : "1",
        Type = WxrValues.Text(comment, "comment_type") is { Length: > 0 } type ? type : "comment",
        Parent = WxrValues.OptionalLong(comment, "comment_parent", line),
    };
}
