namespace Broadsheet.Operations;

// Operator settings of the "Operations" section: how the app sits behind proxies and monitoring.
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    // Proxies (IP addresses) and networks (CIDR, e.g. 10.0.0.0/8) whose X-Forwarded-For and
    // X-Forwarded-Proto are believed. Empty (the default): the headers are ignored, so a client
    // cannot pretend to be another IP address to get round the comment flood check.
    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];

    // Prometheus metrics at /metrics (OpenTelemetry: requests, runtime). Off by default: the
    // endpoint tells the world about the server, so expose it only where it is scraped.
    public bool Metrics { get; set; }

    // How long a stopping node waits for requests in flight before it exits.
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    public bool TrustsForwardedHeaders => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
