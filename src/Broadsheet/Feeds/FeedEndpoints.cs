namespace Broadsheet.Feeds;

// RSS 2.0 and Atom feeds at WordPress's addresses: /feed/ and /feed/atom/ for the site, the same
// under /category/{slug}/, /tag/{slug}/ and /author/{slug}/, /comments/feed/ for all comments and
// {permalink}feed/ for one article's. Only published articles and approved comments, ever.
public static class FeedEndpoints
{
    // Feed readers check for changes with HEAD as well as conditional GETs.
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<FeedSources>();
        return builder;
    }

    public static WebApplication MapFeeds(this WebApplication app)
    {
        var feeds = app.MapGroup("").AddEndpointFilter(WithTrailingSlash);
        MapFeed(feeds, "/feed/", (sources, _, ct) => sources.SiteAsync(ct)!);
        MapFeed(feeds, "/category/{slug}/feed/", (sources, route, ct) => sources.CategoryAsync(Slug(route), ct));
        MapFeed(feeds, "/tag/{slug}/feed/", (sources, route, ct) => sources.TagAsync(Slug(route), ct));
        MapFeed(feeds, "/author/{slug}/feed/", (sources, route, ct) => sources.AuthorAsync(Slug(route), ct));
        MapFeed(feeds, "/comments/feed/", (sources, _, ct) => sources.CommentsAsync(ct)!);
        MapFeed(feeds, "/{year:int}/{month:int}/{day:int}/{slug}/feed/", (sources, route, ct) => sources.ArticleCommentsAsync(Slug(route), ct));
        return app;
    }

    // Each feed in both formats: RSS at the address, Atom under atom/ (WordPress's /feed/atom/).
    private static void MapFeed(RouteGroupBuilder feeds, string pattern,
        Func<FeedSources, RouteValueDictionary, CancellationToken, Task<FeedContent?>> load)
    {
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            feeds.MapMethods(format == FeedFormat.Rss ? pattern : pattern + "atom/", GetOrHead,
                async Task<IResult> (HttpContext context, FeedSources sources, Shared.SiteAddress site, CancellationToken ct) =>
                {
                    if (await load(sources, context.Request.RouteValues, ct) is not { } content)
                    {
                        return TypedResults.NotFound();
                    }
                    var body = await FeedWriter.WriteAsync(content, format, site.BaseUrl(context.Request), context.Request.Path.Value!);
                    var lastModified = content.Entries.Count == 0 ? (DateTime?)null : content.Entries.Max(e => e.Updated);
                    return new XmlAnswer(body, FeedWriter.MediaType(format), lastModified);
                });
        }
    }

    private static string Slug(RouteValueDictionary route) => (string)route["slug"]!;

    // Routing matches /feed and /feed/ alike; the one canonical address ends in a slash.
    private static ValueTask<object?> WithTrailingSlash(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        return request.Path.Value is { } path && !path.EndsWith('/')
            ? ValueTask.FromResult<object?>(TypedResults.Redirect(request.PathBase + path + "/" + request.QueryString, permanent: true))
            : next(context);
    }
}
