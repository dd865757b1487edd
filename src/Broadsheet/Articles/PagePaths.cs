using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Articles;

// Keeps every page's nested address (Article.PagePath) in step with its slug and its parents'
// slugs, as WordPress builds it: "about/team" for "team" under "about". Pages are standing content
// and few, so they are all recomputed at once whenever a page's slug or parent may have changed.
public static class PagePaths
{
    // Addresses the site itself answers: a page there would never be reached, so it keeps its dated address.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "author", "category", "comment", "comments", "feed", "healthz", "login", "logout", "media", "metrics", "page", "readyz", "robots.txt",
        "search", "setup", "sitemap.xml", "sitemaps", "status", "tag", "uploads",
    };

    public static async Task RefreshAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        var pages = await db.Articles.Where(a => a.Kind == ArticleKind.Page)
            .Select(a => new Node(a.Id, a.Slug, a.ParentId, a.PagePath)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var page in pages.Values)
        {
            var path = PathOf(page, pages);
            if (path != page.Stored)
            {
                await db.Articles.Where(a => a.Id == page.Id)
                    .ExecuteUpdateAsync(a => a.SetProperty(x => x.PagePath, path), cancellationToken);
            }
        }
    }

    private static string? PathOf(Node page, Dictionary<int, Node> pages)
    {
        var parts = new List<string>();
        var seen = new HashSet<int>();
        // A parent that is gone (or a loop in a damaged export) ends the chain where it breaks.
        for (Node? at = page; at is not null && seen.Add(at.Id); at = at.ParentId is { } parent ? pages.GetValueOrDefault(parent) : null)
        {
            parts.Insert(0, at.Slug);
        }
        return Reserved.Contains(parts[0]) ? null : string.Join('/', parts);
    }

    private sealed record Node(int Id, string Slug, int? ParentId, string? Stored);
}
