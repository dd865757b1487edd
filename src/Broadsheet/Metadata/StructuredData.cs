using System.Buffers;
using System.Globalization;
using System.Text;
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
        json.WriteString(Names.Context, Names.SchemaOrg);
        json.WriteString(Names.Type, Names.NewsArticle);
        json.WriteString(Names.Headline, article.Title);
        json.WriteString(Names.Description, article.Excerpt);
        json.WriteString(Names.Url, url);
        json.WriteString(Names.MainEntityOfPage, url);
        WriteW3c(json, Names.DatePublished, published);
        WriteW3c(json, Names.DateModified, modified);
        WritePerson(json, article.Author.Name, baseUrl + Permalinks.Author(article.Author.Slug));
        json.WriteStartObject(Names.Publisher);
        json.WriteString(Names.Type, Names.Organization);
        json.WriteString(Names.Name, site.Value.Title);
        json.WriteString(Names.Url, baseUrl + "/");
        json.WriteEndObject();
        json.WriteString(Names.ArticleSection, article.Category.Name);
        json.WriteStartArray(Names.Keywords);
        foreach (var tag in article.Tags)
        {
            json.WriteStringValue(tag.Name);
        }
        json.WriteEndArray();
        json.WriteNumber(Names.CommentCount, commentCount);
        json.WriteStartArray(Names.Comment);
        if (approvedComments.Count > 0)
        {
            WriteComments(json, approvedComments, baseUrl + request.Path.ToUriComponent() + "#comment-");
        }
        json.WriteEndArray();
        if (image is not null)
        {
            json.WriteStartArray(Names.Image);
            json.WriteStringValue(image);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    // Fifty items a page: nothing here allocates per comment. Each url is the page's address and
    // "#comment-" (UTF-8, once) followed by the id, formatted in place after it.
    private void WriteComments(Utf8JsonWriter json, IReadOnlyList<Comment> comments, string commentUrlPrefix)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(commentUrlPrefix);
        var urlBytes = ArrayPool<byte>.Shared.Rent(prefixLength + 11);
        Encoding.UTF8.GetBytes(commentUrlPrefix, urlBytes);
        foreach (var comment in comments)
        {
            json.WriteStartObject();
            json.WriteString(Names.Type, Names.CommentType);
            json.WriteString(Names.Text, comment.Content);
            WriteW3c(json, Names.DateCreated, clock.ToLocalOffset(comment.CreatedAt));
            WritePerson(json, comment.AuthorName, null);
            comment.Id.TryFormat(urlBytes.AsSpan(prefixLength), out var idLength, default, CultureInfo.InvariantCulture);
            json.WriteString(Names.Url, urlBytes.AsSpan(0, prefixLength + idLength));
            json.WriteEndObject();
        }
        ArrayPool<byte>.Shared.Return(urlBytes);
    }

    private static void WriteBreadcrumbs(Utf8JsonWriter json, string baseUrl, Article article, string url)
    {
        json.WriteStartObject();
        json.WriteString(Names.Context, Names.SchemaOrg);
        json.WriteString(Names.Type, Names.BreadcrumbList);
        json.WriteStartArray(Names.ItemListElement);
        WriteCrumb(json, 1, "Home", baseUrl + "/");
        WriteCrumb(json, 2, article.Category.Name, baseUrl + Permalinks.Category(article.Category.Slug));
        WriteCrumb(json, 3, article.Title, url);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCrumb(Utf8JsonWriter json, int position, string name, string item)
    {
        json.WriteStartObject();
        json.WriteString(Names.Type, Names.ListItem);
        json.WriteNumber(Names.Position, position);
        json.WriteString(Names.Name, name);
        json.WriteString(Names.Item, item);
        json.WriteEndObject();
    }

    private static void WritePerson(Utf8JsonWriter json, string name, string? url)
    {
        json.WriteStartObject(Names.Author);
        json.WriteString(Names.Type, Names.Person);
        json.WriteString(Names.Name, name);
        if (url is not null)
        {
            json.WriteString(Names.Url, url);
        }
        json.WriteEndObject();
    }

    // W3C date and time ("2026-11-30T09:15:00+00:00"), formatted on the stack; the writer escapes
    // it as it did the string ("+" as \u002B).
    private static void WriteW3c(Utf8JsonWriter json, JsonEncodedText property, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[TimeText.MaxLength];
        json.WriteString(property, text[..TimeText.W3c(time, text)]);
    }

    // Property names and constant values, encoded once: written as they are, with no escaping
    // check or UTF-16 to UTF-8 transcoding per write.
    private static class Names
    {
        public static readonly JsonEncodedText Context = Encode("@context");
        public static readonly JsonEncodedText Type = Encode("@type");
        public static readonly JsonEncodedText SchemaOrg = Encode("https://schema.org");
        public static readonly JsonEncodedText NewsArticle = Encode("NewsArticle");
        public static readonly JsonEncodedText Headline = Encode("headline");
        public static readonly JsonEncodedText Description = Encode("description");
        public static readonly JsonEncodedText Url = Encode("url");
        public static readonly JsonEncodedText MainEntityOfPage = Encode("mainEntityOfPage");
        public static readonly JsonEncodedText DatePublished = Encode("datePublished");
        public static readonly JsonEncodedText DateModified = Encode("dateModified");
        public static readonly JsonEncodedText DateCreated = Encode("dateCreated");
        public static readonly JsonEncodedText Author = Encode("author");
        public static readonly JsonEncodedText Person = Encode("Person");
        public static readonly JsonEncodedText Name = Encode("name");
        public static readonly JsonEncodedText Publisher = Encode("publisher");
        public static readonly JsonEncodedText Organization = Encode("Organization");
        public static readonly JsonEncodedText ArticleSection = Encode("articleSection");
        public static readonly JsonEncodedText Keywords = Encode("keywords");
        public static readonly JsonEncodedText CommentCount = Encode("commentCount");
        public static readonly JsonEncodedText Comment = Encode("comment");
        public static readonly JsonEncodedText CommentType = Encode("Comment");
        public static readonly JsonEncodedText Text = Encode("text");
        public static readonly JsonEncodedText Image = Encode("image");
        public static readonly JsonEncodedText BreadcrumbList = Encode("BreadcrumbList");
        public static readonly JsonEncodedText ItemListElement = Encode("itemListElement");
        public static readonly JsonEncodedText ListItem = Encode("ListItem");
        public static readonly JsonEncodedText Position = Encode("position");
        public static readonly JsonEncodedText Item = Encode("item");

        private static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, Json.Encoder);
    }

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
