using System.Globalization;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Search;

// The search results page at /search?q=…&page=N. Whatever was typed, the reader gets results or
// "no results": the query is parsed, never passed on.
public sealed class SearchPage(IArticleSearch search, IOptions<SiteOptions> site) : PageModel
{
    public string Query { get; private set; } = "";
    public SearchResults Results { get; private set; } = new([], 0);
    public int PageNumber { get; private set; } = 1;
    public int PageSize => site.Value.PageSize;

    public string? NewerHref => PageNumber > 1 ? Href(PageNumber - 1) : null;

    public string? OlderHref => PageNumber * PageSize < Results.Total ? Href(PageNumber + 1) : null;

    // "page" is Razor Pages' own route value (the page's name), so the query parameter is bound by name.
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        Query = q ?? "";
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, 1000);
        Results = await search.SearchAsync(SearchQuery.Parse(q), PageNumber, PageSize, cancellationToken);
    }

    private string Href(int number) => number == 1
        ? $"/search?q={Uri.EscapeDataString(Query)}"
        : string.Create(CultureInfo.InvariantCulture, $"/search?q={Uri.EscapeDataString(Query)}&page={number}");
}
