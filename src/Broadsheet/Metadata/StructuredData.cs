using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

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
        var newsArticle = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Excerpt,
            ["url"] = url,
            ["mainEntityOfPage"] = url,
            ["datePublished"] = W3c(published),
            ["dateModified"] = W3c(modified),
            ["author"] = Person(article.Author.Name, baseUrl + Permalinks.Author(article.Author.Slug)),
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = site.Value.Title, ["url"] = baseUrl + "/" },
            ["articleSection"] = article.Category.Name,
            ["keywords"] = new JsonArray([.. article.Tags.Select(t => JsonValue.Create(t.Name))]),
            ["commentCount"] = commentCount,
            ["comment"] = new JsonArray([.. approvedComments.Select(c => new JsonObject
            {
                ["@type"] = "Comment",
                ["text"] = c.Content,
                ["dateCreated"] = W3c(clock.ToLocalOffset(c.CreatedAt)),
                ["author"] = Person(c.AuthorName, null),
                ["url"] = baseUrl + request.Path.ToUriComponent() + "#comment-" + c.Id.ToString(CultureInfo.InvariantCulture),
            })]),
        };
        if (image is not null)
        {
            newsArticle["image"] = new JsonArray(image);
        }
        return new PageMetadata
        {
            OpenGraphType = "article",
            ImageUrl = image,
            Published = published,
            Modified = modified,
            Section = article.Category.Name,
            Tags = [.. article.Tags.Select(t => t.Name)],
            JsonLd = new JsonArray(newsArticle, Breadcrumbs(baseUrl, article, url)).ToJsonString(Json),
            Feeds = [new FeedLink($"{site.Value.Title} » {article.Title} Comments Feed", permalinks.For(article) + "feed/")],
        };
    }

    private static JsonObject Breadcrumbs(string baseUrl, Article article, string url) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = new JsonArray(
            Crumb(1, "Home", baseUrl + "/"),
            Crumb(2, article.Category.Name, baseUrl + Permalinks.Category(article.Category.Slug)),
            Crumb(3, article.Title, url)),
    };

    private static JsonObject Crumb(int position, string name, string item) =>
        new() { ["@type"] = "ListItem", ["position"] = position, ["name"] = name, ["item"] = item };

    private static JsonObject Person(string name, string? url)
    {
        var person = new JsonObject { ["@type"] = "Person", ["name"] = name };
        if (url is not null)
        {
            person["url"] = url;
        }
        return person;
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
