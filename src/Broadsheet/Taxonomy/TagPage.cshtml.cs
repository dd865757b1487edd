using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Taxonomy;

// A tag's archive, paginated as /tag/{slug}/page/N/.
public sealed class TagPage(BroadsheetDb db, SiteClock clock, IOptions<SiteOptions> site) : PageModel
{
    public string Name { get; private set; } = "";
    public ArticleListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken, int pageNumber = 1)
    {
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }
        var articles = db.Articles.Published(clock.UtcNow).Where(a => a.Tags.Any(t => t.Id == tag.Id));
        var listing = await ArticleListing.LoadAsync(
            articles, pageNumber, site.Value.PageSize, Permalinks.Tag(tag.Slug), cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        (Name, Listing) = (tag.Name, listing);
        return Page();
    }
}
