using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;
using System.Buffers;
using Broadsheet.Caching;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Broadsheet.Shared;

// What every page of the site shares: settings, clock, Razor Pages rooted at the feature folders,
// error pages that speak to readers, canonical trailing slashes and security headers.
public static class SiteSetup
{
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SiteClock>();
        builder.Services.AddSingleton<SiteAddress>();
        // Razor sends a page through 1,024-character buffers from this pool, all rented at once (an
        // article page with its comments takes about eighty). The shared pool keeps only a few per
        // core, so most were new arrays on every view, and garbage soon after; this pool keeps
        // enough for several pages in flight. Registered before MVC, which adds the shared pool
        // only when none is registered.
        builder.Services.AddSingleton(ArrayPool<char>.Create(maxArrayLength: 64 * 1024, maxArraysPerBucket: 256));
        // Before MVC too, which adds its own only when none is registered: see WholePageWriter.
        builder.Services.AddScoped<IViewBufferScope, WholePageBufferScope>();
        // Pages live beside the code of their feature (Articles/ArticlePage.cshtml, …); each
        // declares its public route itself.
        // The site has no MVC controllers: without this, MVC would look for them by loading every
        // type of the app at start, and with them assemblies a node may never use (the Redis
        // client, SkiaSharp), several MB of resident memory.
        builder.Services.AddRazorPages().WithRazorPagesRoot("/").ConfigureApplicationPartManager(parts =>
            parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single()));
        return builder;
    }

    public static WebApplication UseSite(this WebApplication app)
    {
        app.UseReadyPages();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorAnswers.WriteAsync });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRouting();
        // As early as it can be (it needs the endpoint, whose metadata names the cache policy):
        // a cached page is answered before anything below runs, authentication included (a
        // signed-in request is told apart by its cookie, ReaderPagePolicy). The security headers
        // come inside it, so a cached page carries them from when it was stored.
        app.UseCaching();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<TrailingSlash>();
        app.UseMiddleware<FormTextCheck>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        // Files of wwwroot under fingerprinted names (site.{hash}.css), precompressed at publish and
        // cached for a year as immutable; the layout's ~/ links resolve to those names.
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        // /healthz (liveness): the node answers, whatever its dependencies do; a probe that failed
        // while the database is away would have every node restarted, and their cached pages lost.
        // /readyz: every dependency a load balancer should wait for before sending readers (the
        // database now, Redis when configured).
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = Operations.ReadinessAnswer.WriteAsync,
        });
        return app;
    }
}
