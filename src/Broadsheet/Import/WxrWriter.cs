using System.Globalization;
using System.Net;
using System.Xml;
using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;

namespace Broadsheet.Import;

// The elements of a WXR 1.2 file, in the order and shape WordPress's exporter writes them.
internal sealed class WxrWriter(XmlWriter xml, TimeZoneInfo zone)
{
    private const string Wp = "http://wordpress.org/export/1.2/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string ExcerptNs = "http://wordpress.org/export/1.2/excerpt/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    public async Task StartAsync(string title, string siteUrl)
    {
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "rss", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.0");
        await xml.WriteAttributeStringAsync("xmlns", "excerpt", null, ExcerptNs);
        await xml.WriteAttributeStringAsync("xmlns", "content", null, Content);
        await xml.WriteAttributeStringAsync("xmlns", "wfw", null, "http://wellformedweb.org/CommentAPI/");
        await xml.WriteAttributeStringAsync("xmlns", "dc", null, Dc);
        await xml.WriteAttributeStringAsync("xmlns", "wp", null, Wp);
        await xml.WriteStartElementAsync(null, "channel", null);
        await xml.WriteElementStringAsync(null, "title", null, title);
        await xml.WriteElementStringAsync(null, "link", null, siteUrl);
        await xml.WriteElementStringAsync(null, "description", null, "");
        await WpAsync("wxr_version", "1.2");
        await WpAsync("base_site_url", siteUrl);
        await WpAsync("base_blog_url", siteUrl);
    }

    public async Task EndAsync()
    {
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    public async Task AuthorAsync(Author author)
    {
        await xml.WriteStartElementAsync("wp", "author", Wp);
        if (author.WordPressId is { } id)
        {
            await WpAsync("author_id", Number(id));
        }
        await WpCDataAsync("author_login", author.WordPressLogin ?? author.Slug);
        await WpCDataAsync("author_email", author.Email ?? "");
        await WpCDataAsync("author_display_name", author.Name);
        await xml.WriteEndElementAsync();
    }

    public async Task CategoryAsync(Category category, string? parentSlug)
    {
        await xml.WriteStartElementAsync("wp", "category", Wp);
        if (category.WordPressId is { } id)
        {
            await WpAsync("term_id", Number(id));
        }
        await WpCDataAsync("category_nicename", Uri.EscapeDataString(category.Slug));
        await WpCDataAsync("category_parent", parentSlug is null ? "" : Uri.EscapeDataString(parentSlug));
        await WpCDataAsync("cat_name", category.Name);
        await WpCDataAsync("category_description", category.Description);
        await xml.WriteEndElementAsync();
    }

    public async Task TagAsync(Tag tag)
    {
        await xml.WriteStartElementAsync("wp", "tag", Wp);
        if (tag.WordPressId is { } id)
        {
            await WpAsync("term_id", Number(id));
        }
        await WpCDataAsync("tag_slug", Uri.EscapeDataString(tag.Slug));
        await WpCDataAsync("tag_name", tag.Name);
        await xml.WriteEndElementAsync();
    }

    public async Task ItemAsync(Article article, int postId, int parentPostId, string link, int? thumbnailId, IReadOnlyList<Comment> comments,
        WxrNumbers numbers)
    {
        var publishedAt = article.PublishedAt ?? article.UpdatedAt;
        await xml.WriteStartElementAsync(null, "item", null);
        await xml.WriteElementStringAsync(null, "title", null, article.Title);
        await xml.WriteElementStringAsync(null, "link", null, link);
        await xml.WriteElementStringAsync(null, "pubDate", null, publishedAt.ToString("r", CultureInfo.InvariantCulture));
        await CDataAsync("dc", "creator", Dc, article.Author.WordPressLogin ?? article.Author.Slug);
        await xml.WriteStartElementAsync(null, "guid", null);
        await xml.WriteAttributeStringAsync(null, "isPermaLink", null, "false");
        await xml.WriteStringAsync(link);
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync(null, "description", null, "");
        // One Custom HTML block: WordPress shows finished HTML as it is, without its wpautop.
        await CDataAsync("content", "encoded", Content,
            "<!-- wp:html -->\n" + WordPressContent.EscapeShortcodes(article.BodyHtml.Trim()) + "\n<!-- /wp:html -->");
        await CDataAsync("excerpt", "encoded", ExcerptNs, TextAsHtml(article.Excerpt));
        await WpAsync("post_id", Number(postId));
        await WpCDataAsync("post_date", Local(publishedAt));
        await WpCDataAsync("post_date_gmt", Gmt(publishedAt));
        await WpCDataAsync("post_modified", Local(article.UpdatedAt));
        await WpCDataAsync("post_modified_gmt", Gmt(article.UpdatedAt));
        await WpCDataAsync("comment_status", article.AreCommentsOpen ? "open" : "closed");
        await WpCDataAsync("ping_status", "closed");
        await WpCDataAsync("post_name", Uri.EscapeDataString(article.Slug));
        await WpCDataAsync("status", Status(article.Status));
        await WpAsync("post_parent", Number(parentPostId));
        await WpAsync("menu_order", "0");
        await WpCDataAsync("post_type", article.Kind == ArticleKind.Page ? "page" : "post");
        await WpCDataAsync("post_password", "");
        await WpAsync("is_sticky", article.IsSticky ? "1" : "0");
        if (article.Kind == ArticleKind.Post)
        {
            // The primary section first: an importer without term ids (ours reading WXR 1.0) takes the first.
            await TermAsync("category", article.Category.Slug, article.Category.Name);
            foreach (var category in article.SecondaryCategories.OrderBy(c => c.Slug, StringComparer.Ordinal))
            {
                await TermAsync("category", category.Slug, category.Name);
            }
        }
        foreach (var tag in article.Tags.OrderBy(t => t.Slug, StringComparer.Ordinal))
        {
            await TermAsync("post_tag", tag.Slug, tag.Name);
        }
        if (thumbnailId is { } thumbnail)
        {
            await MetaAsync("_thumbnail_id", Number(thumbnail));
        }
        // Which of several categories is the primary one, by slug: term ids change when WordPress
        // imports the file (so Yoast SEO's meta, a term id, would point at another term there),
        // slugs do not. WordPress keeps it as plain post meta; our importer reads it back.
        if (article is { Kind: ArticleKind.Post, SecondaryCategories.Count: > 0 })
        {
            await MetaAsync(ImportSession.PrimaryCategoryMeta, article.Category.Slug);
        }
        var byId = comments.ToDictionary(c => c.Id);
        foreach (var comment in comments)
        {
            await CommentAsync(comment, numbers.Comment(comment),
                comment.ParentId is { } parent && byId.TryGetValue(parent, out var p) ? numbers.Comment(p) : 0);
        }
        await xml.WriteEndElementAsync();
    }

    // The featured image, as WordPress exports it: an attachment item whose URL its importer fetches.
    public async Task AttachmentAsync(Article article, int attachmentId, int parentId)
    {
        var url = article.FeaturedImageUrl!;
        var publishedAt = article.PublishedAt ?? article.UpdatedAt;
        await xml.WriteStartElementAsync(null, "item", null);
        await xml.WriteElementStringAsync(null, "title", null, Path.GetFileNameWithoutExtension(url.Split('?')[0]));
        await xml.WriteElementStringAsync(null, "link", null, url);
        await CDataAsync("content", "encoded", Content, "");
        await WpAsync("post_id", Number(attachmentId));
        await WpCDataAsync("post_date", Local(publishedAt));
        await WpCDataAsync("post_date_gmt", Gmt(publishedAt));
        await WpCDataAsync("status", "inherit");
        await WpAsync("post_parent", Number(parentId));
        await WpCDataAsync("post_type", "attachment");
        await WpCDataAsync("attachment_url", url);
        await xml.WriteEndElementAsync();
    }

    private async Task CommentAsync(Comment comment, long number, long parentNumber)
    {
        await xml.WriteStartElementAsync("wp", "comment", Wp);
        await WpAsync("comment_id", Number(number));
        await WpCDataAsync("comment_author", comment.AuthorName);
        await WpCDataAsync("comment_author_email", comment.AuthorEmail);
        await WpCDataAsync("comment_author_url", comment.AuthorUrl ?? "");
        await WpCDataAsync("comment_author_IP", comment.IpAddress ?? "");
        await WpCDataAsync("comment_date", Local(comment.CreatedAt));
        await WpCDataAsync("comment_date_gmt", Gmt(comment.CreatedAt));
        // Comments written here are plain text; WordPress shows comment_content as HTML.
        await WpCDataAsync("comment_content", comment.ContentHtml ?? TextAsHtml(comment.Content));
        await WpCDataAsync("comment_approved", comment.Status switch
        {
            CommentStatus.Approved => "1",
            CommentStatus.Spam => "spam",
            CommentStatus.Trash => "trash",
            _ => "0",
        });
        await WpCDataAsync("comment_type", "comment");
        await WpAsync("comment_parent", Number(parentNumber));
        await WpAsync("comment_user_id", "0");
        if (comment.UserAgent is { } agent)
        {
            // Not in WordPress's own exports (its importer ignores it); ours reads it back.
            await WpCDataAsync("comment_agent", agent);
        }
        await xml.WriteEndElementAsync();
    }

    private async Task TermAsync(string domain, string slug, string name)
    {
        await xml.WriteStartElementAsync(null, "category", null);
        await xml.WriteAttributeStringAsync(null, "domain", null, domain);
        await xml.WriteAttributeStringAsync(null, "nicename", null, Uri.EscapeDataString(slug));
        await xml.WriteCDataAsync(name);
        await xml.WriteEndElementAsync();
    }

    private async Task MetaAsync(string key, string value)
    {
        await xml.WriteStartElementAsync("wp", "postmeta", Wp);
        await WpCDataAsync("meta_key", key);
        await WpCDataAsync("meta_value", value);
        await xml.WriteEndElementAsync();
    }

    private static string Status(ArticleStatus status) => status switch
    {
        ArticleStatus.Published => "publish",
        ArticleStatus.Scheduled => "future",
        ArticleStatus.Pending => "pending",
        ArticleStatus.Private => "private",
        _ => "draft",
    };

    private Task WpAsync(string name, string value) => xml.WriteElementStringAsync("wp", name, Wp, value);

    // WordPress writes text in CDATA; a "]]>" inside is split the way WordPress splits it.
    private async Task WpCDataAsync(string name, string value) => await CDataAsync("wp", name, Wp, value);

    private async Task CDataAsync(string prefix, string name, string ns, string value)
    {
        await xml.WriteStartElementAsync(prefix, name, ns);
        var parts = value.Split("]]>");
        for (var i = 0; i < parts.Length; i++)
        {
            await xml.WriteCDataAsync((i > 0 ? ">" : "") + parts[i] + (i < parts.Length - 1 ? "]]" : ""));
        }
        await xml.WriteEndElementAsync();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Gmt(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string TextAsHtml(string text) => WebUtility.HtmlEncode(text).Replace("&#39;", "'", StringComparison.Ordinal)
        .Replace("&quot;", "\"", StringComparison.Ordinal);

}
