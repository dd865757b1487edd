using System.Globalization;
using Broadsheet.Shared;

namespace Broadsheet.Articles;

// WordPress's default "day and name" structure, /{yyyy}/{MM}/{dd}/{slug}/, with the date in the
// site's time zone; pages, as in WordPress, at /{parent}/{slug}/. Permalinks are a public contract: never change their shape.
public sealed class Permalinks(SiteClock clock)
{
    public string For(DateTime publishedAtUtc, string slug)
    {
        var local = clock.ToLocal(publishedAtUtc);
        return string.Create(CultureInfo.InvariantCulture,
            $"/{local:yyyy}/{local:MM}/{local:dd}/{Uri.EscapeDataString(slug)}/");
    }

    // Pages with a place in the page tree answer at their nested address instead (see PagePaths).
    public string For(Article article) => article is { Kind: ArticleKind.Page, PagePath.Length: > 0 }
        ? ForPage(article.PagePath)
        : For(article.PublishedAt ?? article.UpdatedAt, article.Slug);

    public static string ForPage(string pagePath) =>
        "/" + string.Join('/', pagePath.Split('/').Select(Uri.EscapeDataString)) + "/";

    // WordPress's comment page address; the last (newest) page is the article's own address.
    public string ForCommentPage(Article article, int page, int pageCount) =>
        page >= pageCount ? For(article) : For(article) + string.Create(CultureInfo.InvariantCulture, $"comment-page-{page}/");

    public static string Category(string slug) => $"/category/{Uri.EscapeDataString(slug)}/";

    public static string Tag(string slug) => $"/tag/{Uri.EscapeDataString(slug)}/";

    public static string Author(string slug) => $"/author/{Uri.EscapeDataString(slug)}/";
}
