using Broadsheet.Feeds;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Sitemaps;

// What search engines read: /sitemap.xml (an index of the article, section, tag and author
// sitemaps and of the Google News sitemap) and /robots.txt pointing at it. Absolute URLs use
// Site:BaseUrl, or the address the request came in on.
public static class SitemapEndpoints
{
    // Crawlers and monitors ask with HEAD too.
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static WebApplicationBuilder AddSitemaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SitemapOptions>().BindConfiguration(SitemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SitemapSources>();
        return builder;
    }

    public static WebApplication MapSitemaps(this WebApplication app)
    {
        app.MapMethods("/sitemap.xml", GetOrHead, async Task<IResult> (HttpRequest request, SitemapSources sources, SiteAddress site, CancellationToken ct) =>
        {
            var index = await sources.IndexAsync(ct);
            // A site with nothing published has no sitemap yet; an empty index would not be valid XML.
            return index.Count == 0 ? TypedResults.NotFound()
                : Xml(await SitemapWriter.IndexAsync(Absolute(index, site.BaseUrl(request))), index.Max(u => u.LastModified));
        });
        app.MapMethods("/sitemap-articles-{file:int}.xml", GetOrHead, async Task<IResult> (int file, HttpRequest request, SitemapSources sources,
            SiteAddress site, CancellationToken ct) =>
        {
            var urls = file < 1 ? [] : await sources.ArticlesAsync(file, ct);
            return urls.Count == 0 ? TypedResults.NotFound()
                : Xml(await SitemapWriter.UrlSetAsync(Absolute(urls, site.BaseUrl(request))), urls.Max(u => u.LastModified));
        });
        app.MapMethods("/sitemap-news.xml", GetOrHead, async (HttpRequest request, SitemapSources sources, SiteAddress site,
            IOptions<SiteOptions> siteOptions, CancellationToken ct) =>
        {
            var baseUrl = site.BaseUrl(request);
            var urls = await sources.NewsAsync(ct);
            return Xml(await SitemapWriter.NewsAsync(siteOptions.Value.Title, urls.Select(u => u with { Loc = baseUrl + u.Loc })),
                urls.Count == 0 ? null : urls.Max(u => u.Published));
        });
        app.MapMethods("/sitemap-{kind:regex(^(categories|tags|authors)$)}.xml", GetOrHead, async Task<IResult> (string kind, HttpRequest request,
            SitemapSources sources, SiteAddress site, CancellationToken ct) =>
            await sources.TaxonomyAsync(kind, ct) is { Count: > 0 } urls
                ? Xml(await SitemapWriter.UrlSetAsync(Absolute(urls, site.BaseUrl(request))), urls.Max(u => u.LastModified))
                : TypedResults.NotFound());
        app.MapMethods("/robots.txt", GetOrHead, (HttpRequest request, SiteAddress site) => TypedResults.Text(
            $"""
            User-agent: *
            Disallow: /search

            Sitemap: {site.Absolute(request, "/sitemap.xml")}
            Sitemap: {site.Absolute(request, "/sitemap-news.xml")}

            """, "text/plain; charset=utf-8"));
        return app;
    }

    private static IEnumerable<SitemapUrl> Absolute(IEnumerable<SitemapUrl> urls, string baseUrl) =>
        urls.Select(u => u with { Loc = baseUrl + u.Loc });

    private static XmlAnswer Xml(byte[] body, DateTime? lastModified) => new(body, "application/xml", lastModified);
}
