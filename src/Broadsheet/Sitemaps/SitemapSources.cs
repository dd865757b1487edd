using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Sitemaps;

// Which addresses the sitemaps list: published articles (in files of UrlsPerFile, oldest first so
// that a file's contents stay put as new articles arrive), and the sections, tags and authors that
// have at least one published article. Paths are site-relative.
public sealed class SitemapSources(BroadsheetDb db, SiteClock clock, Permalinks permalinks, IOptions<SitemapOptions> options)
{
    public int UrlsPerFile => options.Value.UrlsPerFile;

    private IQueryable<Article> Published => db.Articles.Published(clock.UtcNow);

    public async Task<List<SitemapUrl>> IndexAsync(CancellationToken cancellationToken)
    {
        var index = new List<SitemapUrl>();
        var count = await Published.CountAsync(cancellationToken);
        for (var file = 1; (file - 1) * UrlsPerFile < count; file++)
        {
            var lastModified = await InFile(file).MaxAsync(a => a.UpdatedAt > a.PublishedAt ? a.UpdatedAt : a.PublishedAt, cancellationToken);
            index.Add(new SitemapUrl(string.Create(CultureInfo.InvariantCulture, $"/sitemap-articles-{file}.xml"), lastModified));
        }
        foreach (var kind in new[] { "categories", "tags", "authors" })
        {
            var urls = await TaxonomyAsync(kind, cancellationToken);
            if (urls is { Count: > 0 })
            {
                index.Add(new SitemapUrl($"/sitemap-{kind}.xml", urls.Max(u => u.LastModified)));
            }
        }
        // An empty URL set is not valid sitemap XML: the news sitemap is listed only when it has articles.
        if (await News().AnyAsync(cancellationToken))
        {
            index.Add(new SitemapUrl("/sitemap-news.xml", await News().MaxAsync(a => a.PublishedAt, cancellationToken)));
        }
        return index;
    }

    public async Task<List<SitemapUrl>> ArticlesAsync(int file, CancellationToken cancellationToken) =>
        [.. (await InFile(file).Select(a => new { a.Slug, PublishedAt = a.PublishedAt!.Value, a.UpdatedAt }).ToListAsync(cancellationToken))
            .Select(a => new SitemapUrl(permalinks.For(a.PublishedAt, a.Slug), a.UpdatedAt > a.PublishedAt ? a.UpdatedAt : a.PublishedAt))];

    public async Task<List<SitemapUrl>?> TaxonomyAsync(string kind, CancellationToken cancellationToken) => kind switch
    {
        "categories" => [.. (await Published.GroupBy(a => a.Category.Slug).Select(g => new { g.Key, Last = g.Max(a => a.PublishedAt) })
            .ToListAsync(cancellationToken)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SitemapUrl(Permalinks.Category(g.Key), g.Last))],
        "tags" => [.. (await Published.SelectMany(a => a.Tags, (a, t) => new { t.Slug, a.PublishedAt }).GroupBy(x => x.Slug)
            .Select(g => new { g.Key, Last = g.Max(x => x.PublishedAt) })
            .ToListAsync(cancellationToken)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SitemapUrl(Permalinks.Tag(g.Key), g.Last))],
        "authors" => [.. (await Published.GroupBy(a => a.Author.Slug).Select(g => new { g.Key, Last = g.Max(a => a.PublishedAt) })
            .ToListAsync(cancellationToken)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SitemapUrl(Permalinks.Author(g.Key), g.Last))],
        _ => null,
    };

    public async Task<List<NewsUrl>> NewsAsync(CancellationToken cancellationToken) =>
        [.. (await News().NewestFirst().Take(1000).Select(a => new { a.Slug, PublishedAt = a.PublishedAt!.Value, a.Title })
            .ToListAsync(cancellationToken)).Select(a => new NewsUrl(permalinks.For(a.PublishedAt, a.Slug), a.PublishedAt, a.Title))];

    private IQueryable<Article> InFile(int file) =>
        Published.OrderBy(a => a.Id).Skip((file - 1) * UrlsPerFile).Take(UrlsPerFile);

    private IQueryable<Article> News()
    {
        var since = clock.UtcNow.AddDays(-options.Value.NewsDays);
        return Published.Where(a => a.PublishedAt >= since);
    }
}
