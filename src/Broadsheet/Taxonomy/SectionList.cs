using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Taxonomy;

// The sections shown in the masthead of every page: top-level categories that have articles.
public sealed class SectionList(BroadsheetDb db)
{
    public sealed record Section(string Name, string Slug);

    public Task<List<Section>> AllAsync(CancellationToken cancellationToken) =>
        db.Categories
            .Where(c => c.ParentId == null && db.Articles.Any(a => a.CategoryId == c.Id))
            .OrderBy(c => c.Name)
            .Select(c => new Section(c.Name, c.Slug))
            .ToListAsync(cancellationToken);
}
