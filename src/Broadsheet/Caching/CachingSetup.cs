using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Caching;

// Anonymous reader pages come from ASP.NET Core's output cache, evicted by tag when what they
// show changes (CacheEviction) and, as a bound on anything unforeseen, after Caching:PageSeconds.
public static class CachingSetup
{
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue("Caching:PageSeconds", 120);
        builder.Services.AddOutputCache(cache =>
            cache.AddPolicy(ReaderPagePolicy.Name, policy => policy.AddPolicy<ReaderPagePolicy>().Expire(TimeSpan.FromSeconds(seconds))));
        builder.Services.AddSingleton<CacheEviction>();
        // Caching:Enabled=false leaves reader pages uncached: the benchmark of the uncached path.
        if (!builder.Configuration.GetValue("Caching:Enabled", true))
        {
            return builder;
        }
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            foreach (var page in (string[])["/Articles/HomePage", "/Articles/ArticlePage", "/Taxonomy/CategoryPage", "/Taxonomy/TagPage", "/Authors/AuthorPage"])
            {
                pages.Conventions.AddPageApplicationModelConvention(page,
                    model => model.EndpointMetadata.Add(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { PolicyName = ReaderPagePolicy.Name }));
            }
        });
        return builder;
    }

    // Before the output cache: the antiforgery token goes into cached and fresh pages alike.
    public static WebApplication UseCaching(this WebApplication app)
    {
        app.UseMiddleware<AntiforgeryFill>();
        app.UseOutputCache();
        return app;
    }
}
