using StackExchange.Redis;

namespace Broadsheet.Caching;

// The one connection to Redis that a node's features share (cached pages, eviction messages,
// rate-limit counters), made when ConnectionStrings:Redis is set. Redis helps, it is never
// required: the connection is made in the background and never fails or delays the start
// (AbortOnConnectFail=false), commands give up after a short timeout, and the client reconnects
// by itself. Callers ask IsAvailable first and work in-process meanwhile, so while Redis is away
// no request waits on a timeout.
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly ILogger<RedisConnection> _logger;
    private int _isUp;

    public RedisConnection(string connectionString, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _connecting = ConnectAsync(OptionsFrom(connectionString));
    }

    // Raised when the connection comes back after it was lost, or is made late (Redis was away
    // when the node started). Whatever was published meanwhile never reached this node.
    public event Action? Restored;

    // Raised when the connection is lost: from now on nothing published reaches this node.
    public event Action? Lost;

    public IConnectionMultiplexer? Multiplexer => _connecting.IsCompletedSuccessfully ? _connecting.Result : null;

    public bool IsAvailable => Multiplexer?.IsConnected == true;

    // The database, or null while Redis cannot be reached.
    public IDatabase? Database => Multiplexer is { IsConnected: true } connected ? connected.GetDatabase() : null;

    // Completes once the client exists (connected or still trying), for subscriptions.
    public Task<ConnectionMultiplexer> Created => _connecting;

    // Our defaults suit a helper that must never hold up a request; a value the operator writes
    // in the connection string (connectTimeout=…, syncTimeout=…) wins.
    public static ConfigurationOptions OptionsFrom(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "broadsheet";
        if (!Mentions(connectionString, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }
        if (!Mentions(connectionString, "syncTimeout"))
        {
            options.SyncTimeout = 1000;
        }
        if (!Mentions(connectionString, "asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }
        // Try again every second while away (the default backs off to a minute), so a node
        // shares its cache again soon after Redis returns.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        return options;
    }

    private static bool Mentions(string connectionString, string option) =>
        connectionString.Contains(option + "=", StringComparison.OrdinalIgnoreCase);

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        // Leaves the constructor at once: the node starts whether or not Redis answers.
        await Task.Yield();
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        _isUp = multiplexer.IsConnected ? 1 : 0;
        // The client reports every connection and every failed attempt; features hear of changes only.
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (Interlocked.Exchange(ref _isUp, 0) == 1)
            {
                LogLost(e.EndPoint?.ToString(), e.FailureType.ToString());
                Lost?.Invoke();
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (Interlocked.Exchange(ref _isUp, 1) == 0)
            {
                LogRestored(e.EndPoint?.ToString());
                Restored?.Invoke();
            }
        };
        if (_isUp == 0)
        {
            LogLost(string.Join(", ", options.EndPoints), "not reachable at start");
        }
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (Multiplexer is ConnectionMultiplexer multiplexer)
        {
            await multiplexer.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis at {EndPoint} is unreachable ({Reason}): this node serves its cache and rate limits in-process until it returns.")]
    private partial void LogLost(string? endPoint, string reason);

    [LoggerMessage(LogLevel.Information, "Redis at {EndPoint} is reachable again: cached pages and rate limits are shared once more.")]
    private partial void LogRestored(string? endPoint);
}
