namespace Broadsheet.Import;

// The first pass over an export: reads everything, writes nothing. It finds what is wrong before
// the database is touched, counts the items for the progress bar, and remembers the little that
// later items need from earlier or later ones: attachment URLs and the parents of pages.
public sealed class WxrScan
{
    public int Items { get; private set; }
    public long MaxCommentId { get; private set; }
    public Dictionary<int, string> AttachmentUrls { get; } = [];

    // An attachment's alt text (WordPress's _wp_attachment_image_alt), else its title.
    public Dictionary<int, string> AttachmentAlts { get; } = [];
    public Dictionary<int, (string Slug, int Parent)> Pages { get; } = [];
    public List<SkippedEntry> Invalid { get; } = [];

    public static async Task<WxrScan> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        var scan = new WxrScan();
        await foreach (var entry in WxrReader.ReadAsync(file, cancellationToken))
        {
            switch (entry)
            {
                case WxrInvalid invalid:
                    scan.Invalid.Add(new SkippedEntry(invalid.Line, invalid.What, invalid.Why));
                    break;
                case WxrItem { PostType: "attachment" } attachment when attachment.AttachmentUrl is { } url:
                    scan.AttachmentUrls[attachment.PostId] = url;
                    var alt = attachment.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { Length: > 0 } text ? text : attachment.Title;
                    if (alt.Trim().Length > 0)
                    {
                        scan.AttachmentAlts[attachment.PostId] = alt.Trim();
                    }
                    break;
                case WxrItem { PostType: "page" } page:
                    scan.Pages[page.PostId] = (page.PostName, page.PostParent);
                    break;
            }
            scan.Items += entry is WxrItem or WxrInvalid ? 1 : 0;
            if (entry is WxrItem { Comments.Count: > 0 } item)
            {
                scan.MaxCommentId = Math.Max(scan.MaxCommentId, item.Comments.Max(c => c.Id));
            }
        }
        return scan;
    }

    // "parent/child/" for a page whose parent is "parent", as WordPress nests page addresses.
    public string PagePath(int pageId)
    {
        var parts = new List<string>();
        for (var id = pageId; id != 0 && Pages.TryGetValue(id, out var page) && parts.Count < 20; id = page.Parent)
        {
            parts.Insert(0, page.Slug);
        }
        return string.Join('/', parts);
    }
}
