using System.Globalization;
using Broadsheet.Data;

namespace Broadsheet.Articles;

// One page of an article list (home page and archives), with WordPress's /page/N/ paging:
// page 1 is the base path itself, "Newer" and "Older" links lead to the neighbours.
public sealed record ArticleListing(IReadOnlyList<ArticleSummary> Articles, int PageNumber, bool HasOlder, string BasePath)
{
    public string? NewerHref => PageNumber switch
    {
        <= 1 => null,
        2 => BasePath,
        _ => PageHref(PageNumber - 1),
    };

    public string? OlderHref => HasOlder ? PageHref(PageNumber + 1) : null;

    // Null when the page does not exist (beyond the last one), which the pages answer with 404.
    public static async Task<ArticleListing?> LoadAsync(BroadsheetDb db, ArticleList list, DateTime utcNow, int pageNumber,
        int pageSize, string basePath, CancellationToken cancellationToken)
    {
        if (pageNumber < 1)
        {
            return null;
        }
        var page = await list.PageAsync(db, utcNow, pageSize + 1, (pageNumber - 1L) * pageSize, cancellationToken);
        if (page.Count == 0 && pageNumber > 1)
        {
            return null;
        }
        var hasOlder = page.Count > pageSize;
        return new ArticleListing(hasOlder ? page[..pageSize] : page, pageNumber, hasOlder, basePath);
    }

    private string PageHref(int number) => string.Create(CultureInfo.InvariantCulture, $"{BasePath}page/{number}/");
}
