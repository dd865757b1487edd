using System.Runtime.CompilerServices;
using Broadsheet.Operations;
using Microsoft.AspNetCore.OutputCaching;

namespace Broadsheet.Caching;

// With ConnectionStrings:Redis set, the nodes of a site share one Redis: cached pages (evicted
// on every node when anything they show changes) and rate-limit counters. Without it, nothing
// here is registered and a single node caches and counts in-process.
public static class RedisSetup
{
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Redis") is not { Length: > 0 } connectionString)
        {
            return builder;
        }
        RegisterRedis(builder, connectionString);
        return builder;
    }

    // A method of its own: the runtime loads the Redis client for any method that names its types
    // (ConfigurationOptions, here) when it first runs, and a node without Redis should not carry it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterRedis(WebApplicationBuilder builder, string connectionString)
    {
        // Parsed now, so that a mistyped connection string stops the start with its reason.
        RedisConnection.OptionsFrom(connectionString);
        var options = new RedisPageOptions(
            builder.Configuration.GetValue("Caching:RedisPrefix", "broadsheet:")!,
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Caching:PageSecondsWithoutRedis", 10)));
        builder.Services.AddSingleton(services => new RedisConnection(connectionString, services.GetRequiredService<ILogger<RedisConnection>>()));
        // Registered after AddCaching's memory store, so this one is used, in front of the same memory.
        builder.Services.AddSingleton<IOutputCacheStore>(services => new RedisPageStore(
            services.GetRequiredService<LocalPageTier>(),
            services.GetRequiredService<RedisConnection>(), options, services.GetRequiredService<ILogger<RedisPageStore>>(),
            services.GetRequiredService<ListChanges>()));
        builder.Services.AddHealthChecks().AddCheck<RedisReadiness>("redis", tags: ["ready"]);
    }
}
