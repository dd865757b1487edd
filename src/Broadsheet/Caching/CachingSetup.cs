using System.IO.Compression;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Broadsheet.Caching;

// Anonymous reader pages come from ASP.NET Core's output cache, evicted by tag when what they
// show changes (CacheEviction) and, as a bound on anything unforeseen, after Caching:PageSeconds.
// Answers are compressed (Brotli or gzip, as the reader's Accept-Encoding allows); a cached page
// is compressed once, when it is stored, and each encoding is an entry of its own.
public static class CachingSetup
{
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PageCacheOptions>().BindConfiguration(PageCacheOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(PageCacheOptions.Section).Get<PageCacheOptions>() ?? new();
        builder.Services.AddOutputCache(cache =>
        {
            cache.SizeLimit = options.SizeLimitMegabytes * 1024L * 1024L;
            cache.AddPolicy(ReaderPagePolicy.Name, policy => policy.AddPolicy<ReaderPagePolicy>().Expire(TimeSpan.FromSeconds(options.PageSeconds)));
        });
        // The node's memory of pages (and of their ready answers): the output cache's store on a
        // single node, the tier in front of Redis on several (RedisSetup).
        builder.Services.AddSingleton(services => new LocalPageTier(services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit));
        builder.Services.AddSingleton<IOutputCacheStore>(services => services.GetRequiredService<LocalPageTier>());
        builder.Services.AddSingleton<AcceptedEncodings>();
        builder.Services.AddSingleton<CacheEviction>();
        builder.Services.AddSingleton<ListChanges>();
        // Caching:Enabled=false leaves reader pages uncached (the benchmark of the uncached path);
        // everything else (compression, headers) stays as it is.
        if (builder.Configuration.GetValue("Caching:Enabled", true))
        {
            builder.Services.Configure<RazorPagesOptions>(pages =>
            {
                foreach (var page in (string[])["/Articles/HomePage", "/Articles/ArticlePage", "/Taxonomy/CategoryPage", "/Taxonomy/TagPage", "/Authors/AuthorPage"])
                {
                    pages.Conventions.AddPageApplicationModelConvention(page,
                        model => model.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = ReaderPagePolicy.Name }));
                }
            });
        }
        builder.Services.AddResponseCompression(compression =>
        {
            // BREACH (a secret learnt from compressed sizes, with text an attacker gets reflected into
            // the same answer): cached pages carry no secret at all (no antiforgery token: the form
            // fetches it), a token on other pages is random per answer (Data Protection output), and
            // the back office, where staff-only data sits, is never compressed (UseCaching).
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/rss+xml", "application/atom+xml", "image/svg+xml"];
        });
        // Optimal rather than the default Fastest: a cached page is compressed once, not per request.
        builder.Services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        return builder;
    }

    // First of all: a cached page a reader has already got is answered from its ready form
    // (ReadyPages), before error pages, routing and the output cache's own lookup.
    public static WebApplication UseReadyPages(this WebApplication app)
    {
        if (app.Configuration.GetValue("Caching:Enabled", true))
        {
            app.UseMiddleware<ReadyPages>();
        }
        return app;
    }

    // Inside the output cache, in this order, so that what it stores is already described and compressed.
    public static WebApplication UseCaching(this WebApplication app)
    {
        app.UseOutputCache();
        app.UseMiddleware<ReaderPageHeaders>();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());
        return app;
    }
}
