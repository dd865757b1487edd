using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Metadata;

// The article page's metadata: schema.org NewsArticle (with the approved comments as Comment
// items) and BreadcrumbList as JSON-LD, and the OpenGraph facts. The JSON encoder escapes <, >, &
// and quotes as \uXXXX, so a "</script>" in a title or comment stays inside the data block.
public sealed partial class StructuredData(SiteAddress address, Permalinks permalinks, SiteClock clock, IOptions<SiteOptions> site)
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // The Comment items are those of the page shown (one comment page of a long thread); the
    // count is the article's total. featuredImage: the address of its uploaded featured image.
    public PageMetadata ForArticle(HttpRequest request, Article article, IReadOnlyList<Comment> approvedComments, int commentCount,
        string? featuredImage = null)
    {
        var baseUrl = address.BaseUrl(request);
        var url = baseUrl + permalinks.For(article);
        var published = clock.ToLocalOffset(article.PublishedAt!.Value);
        var modified = clock.ToLocalOffset(article.UpdatedAt > article.PublishedAt ? article.UpdatedAt : article.PublishedAt.Value);
        // The uploaded featured image, else the one an import brought (its old URL), else the body's first.
        var image = Absolute(featuredImage, baseUrl) ?? Absolute(article.FeaturedImageUrl, baseUrl) ?? FirstImage(article.BodyHtml, baseUrl);
        // Written straight to UTF-8, not built as a JsonObject tree: a comment page adds fifty items.
        // Sized for the comments' text, so that the buffer seldom has to grow.
        var capacity = 4096;
        foreach (var comment in approvedComments)
        {
            capacity += comment.Content.Length + comment.AuthorName.Length + 256;
        }
        var buffer = new JsonLdBlock(capacity);
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            json.WriteStartArray();
            WriteNewsArticle(json, request, article, approvedComments, commentCount, baseUrl, url, published, modified, image);
            WriteBreadcrumbs(json, baseUrl, article, url);
            json.WriteEndArray();
        }
        return new PageMetadata
        {
            OpenGraphType = "article",
            ImageUrl = image,
            Published = published,
            Modified = modified,
            Section = article.Category.Name,
            Tags = [.. article.Tags.Select(t => t.Name)],
            JsonLd = buffer,
            Feeds = [new FeedLink($"{site.Value.Title} » {article.Title} Comments Feed", permalinks.For(article) + "feed/")],
        };
    }

    private void WriteNewsArticle(Utf8JsonWriter json, HttpRequest request, Article article, IReadOnlyList<Comment> approvedComments,
        int commentCount, string baseUrl, string url, DateTimeOffset published, DateTimeOffset modified, string? image)
    {
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "NewsArticle");
        json.WriteString("headline", article.Title);
        json.WriteString("description", article.Excerpt);
        json.WriteString("url", url);
        json.WriteString("mainEntityOfPage", url);
        json.WriteString("datePublished", W3c(published));
        json.WriteString("dateModified", W3c(modified));
        WritePerson(json, "author", article.Author.Name, baseUrl + Permalinks.Author(article.Author.Slug));
        json.WriteStartObject("publisher");
        json.WriteString("@type", "Organization");
        json.WriteString("name", site.Value.Title);
        json.WriteString("url", baseUrl + "/");
        json.WriteEndObject();
        json.WriteString("articleSection", article.Category.Name);
        json.WriteStartArray("keywords");
        foreach (var tag in article.Tags)
        {
            json.WriteStringValue(tag.Name);
        }
        json.WriteEndArray();
        json.WriteNumber("commentCount", commentCount);
        var pageUrl = baseUrl + request.Path.ToUriComponent() + "#comment-";
        json.WriteStartArray("comment");
        foreach (var comment in approvedComments)
        {
            json.WriteStartObject();
            json.WriteString("@type", "Comment");
            json.WriteString("text", comment.Content);
            json.WriteString("dateCreated", W3c(clock.ToLocalOffset(comment.CreatedAt)));
            WritePerson(json, "author", comment.AuthorName, null);
            json.WriteString("url", pageUrl + comment.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (image is not null)
        {
            json.WriteStartArray("image");
            json.WriteStringValue(image);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteBreadcrumbs(Utf8JsonWriter json, string baseUrl, Article article, string url)
    {
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "BreadcrumbList");
        json.WriteStartArray("itemListElement");
        WriteCrumb(json, 1, "Home", baseUrl + "/");
        WriteCrumb(json, 2, article.Category.Name, baseUrl + Permalinks.Category(article.Category.Slug));
        WriteCrumb(json, 3, article.Title, url);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCrumb(Utf8JsonWriter json, int position, string name, string item)
    {
        json.WriteStartObject();
        json.WriteString("@type", "ListItem");
        json.WriteNumber("position", position);
        json.WriteString("name", name);
        json.WriteString("item", item);
        json.WriteEndObject();
    }

    private static void WritePerson(Utf8JsonWriter json, string property, string name, string? url)
    {
        json.WriteStartObject(property);
        json.WriteString("@type", "Person");
        json.WriteString("name", name);
        if (url is not null)
        {
            json.WriteString("url", url);
        }
        json.WriteEndObject();
    }

    private static string W3c(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    // Without a featured image, the first image of the body stands for the article.
    private static string? FirstImage(string bodyHtml, string baseUrl)
    {
        var match = ImageSource().Match(bodyHtml);
        return match.Success ? Absolute(System.Net.WebUtility.HtmlDecode(match.Groups["src"].Value), baseUrl) : null;
    }

    private static string? Absolute(string? src, string baseUrl) =>
        !string.IsNullOrEmpty(src) && Uri.TryCreate(new Uri(baseUrl + "/"), src, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsoluteUri : null;

    [GeneratedRegex("<img\\b[^>]*?\\bsrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ImageSource();
}
