using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Articles;

// The front page: the latest published articles, newest first; also answers /page/N/.
public sealed class HomePage(BroadsheetDb db, SiteClock clock, IOptions<SiteOptions> site) : PageModel
{
    public ArticleListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken, int pageNumber = 1)
    {
        var listing = await ArticleListing.LoadAsync(
            db, ArticleList.Everything, clock.UtcNow, pageNumber, site.Value.PageSize, "/", cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        Listing = listing;
        return Page();
    }
}
