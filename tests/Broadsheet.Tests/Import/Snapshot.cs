using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// Everything an import wrote, field by field, as one comparable text. Rows are named by their
// WordPress numbers and slugs rather than database ids, so two sites can be compared.
public static class Snapshot
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    // Old addresses are left out when asked: a WXR file cannot carry them (they are rebuilt from links).
    public static async Task<string> OfAsync(BroadsheetApp app, bool withOldAddresses = true) => await app.WithDbAsync(async db =>
    {
        var cancel = TestContext.Current.CancellationToken;
        var articles = await db.Articles.OrderBy(a => a.WordPressId).Select(a => new
        {
            a.WordPressId, a.Title, a.Slug, a.BodyMarkdown, a.BodyHtml, a.Excerpt, Status = a.Status.ToString(), a.PublishedAt,
            a.UpdatedAt, a.AreCommentsOpen, a.IsSticky, Kind = a.Kind.ToString(), a.FeaturedImageUrl,
            Author = a.Author.WordPressLogin, Category = a.Category.Slug, Tags = a.Tags.OrderBy(t => t.Slug).Select(t => t.Slug).ToList(),
            OtherCategories = a.SecondaryCategories.OrderBy(c => c.Slug).Select(c => c.Slug).ToList(),
            Parent = db.Articles.Where(p => p.Id == a.ParentId).Select(p => p.WordPressId).FirstOrDefault(), a.PagePath,
        }).ToListAsync(cancel);
        var comments = await db.Comments.OrderBy(c => c.WordPressId).ThenBy(c => c.DisqusId).Select(c => new
        {
            c.WordPressId, c.DisqusId, c.Id, Article = c.Article.WordPressId, Parent = c.Parent!.WordPressId, c.AuthorName, c.AuthorEmail, c.AuthorUrl,
            c.Content, c.ContentHtml, c.RenderedHtml, Status = c.Status.ToString(), c.CreatedAt, c.IpAddress, c.UserAgent,
        }).ToListAsync(cancel);
        var authors = await db.Authors.OrderBy(a => a.Slug).Select(a => new { a.Name, a.Slug, a.Email, a.WordPressLogin, a.WordPressId }).ToListAsync(cancel);
        var categories = await db.Categories.OrderBy(c => c.Slug)
            .Select(c => new { c.Name, c.Slug, c.Description, Parent = c.Parent!.Slug, c.WordPressId }).ToListAsync(cancel);
        var tags = await db.Tags.OrderBy(t => t.Slug).Select(t => new { t.Name, t.Slug, t.WordPressId }).ToListAsync(cancel);
        var legacy = !withOldAddresses ? [] : await db.LegacyUrls.OrderBy(l => l.Path).Select(l => new { l.Path, Target = l.Target.ToString() }).ToListAsync(cancel);
        return JsonSerializer.Serialize(new { articles, comments, authors, categories, tags, legacy }, Options);
    });
}
