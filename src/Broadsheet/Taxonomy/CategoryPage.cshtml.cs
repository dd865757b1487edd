using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Taxonomy;

// A section's archive: its published articles (secondary ones too), newest first, paginated as /category/{slug}/page/N/.
public sealed class CategoryPage(BroadsheetDb db, SectionList sections, SiteClock clock, IOptions<SiteOptions> site) : PageModel
{
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public ArticleListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken, int pageNumber = 1)
    {
        var category = await sections.FindAsync(slug, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }
        var listing = await ArticleListing.LoadAsync(
            db, ArticleList.InSection(category.Id), clock.UtcNow, pageNumber, site.Value.PageSize, Permalinks.Category(category.Slug), cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        (Name, Description, Listing) = (category.Name, category.Description, listing);
        return Page();
    }
}
