using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Taxonomy;

// A tag's archive, paginated as /tag/{slug}/page/N/.
public sealed class TagPage(BroadsheetDb db, SiteClock clock, IOptions<SiteOptions> site) : PageModel
{
    public string Name { get; private set; } = "";
    public ArticleListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken, int pageNumber = 1)
    {
        var tags = await PageReads.ListAsync(db, TagSql, [slug], static reader => (Id: reader.GetInt32(0), Name: reader.GetString(1)),
            cancellationToken);
        if (tags.Count == 0)
        {
            return NotFound();
        }
        var (id, name) = tags[0];
        var listing = await ArticleListing.LoadAsync(
            db, ArticleList.Tagged(id), clock.UtcNow, pageNumber, site.Value.PageSize, Permalinks.Tag(slug), cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }
        (Name, Listing) = (name, listing);
        return Page();
    }

    // Fixed SQL through PageReads, as the list itself (ArticleList): the slug's unique index answers it.
    private const string TagSql = """SELECT "Id", "Name" FROM "Tags" WHERE "Slug" = @p0""";
}
