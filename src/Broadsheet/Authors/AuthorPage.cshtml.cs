using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Authors;

// An author's archive, paginated as /author/{slug}/page/N/.
public sealed class AuthorPage(BroadsheetDb db, Bylines bylines, SiteClock clock, IOptions<SiteOptions> site) : PageModel
{
    public string Name { get; private set; } = "";
    public string Bio { get; private set; } = "";
    public ArticleListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken, int pageNumber = 1)
    {
        var author = await bylines.FindAsync(slug, cancellationToken);
        if (author is null)
        {
            return NotFound();
        }
        var listing = await ArticleListing.LoadAsync(
            db, ArticleList.ByAuthor(author.Id), clock.UtcNow, pageNumber, site.Value.PageSize, Permalinks.Author(author.Slug), cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        (Name, Bio, Listing) = (author.Name, author.Bio, listing);
        return Page();
    }
}
