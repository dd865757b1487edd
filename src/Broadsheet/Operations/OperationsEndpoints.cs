using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;

namespace Broadsheet.Operations;

// What an operator needs around the app: real client addresses behind trusted proxies only,
// graceful shutdown, readiness and liveness probes, and optional Prometheus metrics.
public static class OperationsEndpoints
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new();
        // Parsed now, so that a mistyped address stops the start with a clear message.
        var proxies = options.KnownProxies.Select(p => IPAddress.TryParse(p, out var address) ? address
            : throw new InvalidOperationException($"Operations:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = options.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network
            : throw new InvalidOperationException($"Operations:KnownNetworks: '{n}' is not a network such as 10.0.0.0/8.")).ToList();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; we trust exactly what the operator lists.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.ForEach(forwarded.KnownProxies.Add);
            networks.ForEach(forwarded.KnownIPNetworks.Add);
        });
        if (options.Metrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }
        return builder;
    }

    // Runs first, so that every later middleware (and the flood check) sees the real client.
    public static WebApplication UseOperations(this WebApplication app)
    {
        var options = app.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new();
        if (options.TrustsForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        var options = app.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new();
        if (options.Metrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
        return app;
    }
}
