using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Broadsheet.Caching;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Broadsheet.Operations;

// Per-client limits on the endpoints that attract abuse (comment posts, sign-in attempts,
// searches), with ASP.NET Core's rate limiter. Counters live in Redis when it is configured and
// reachable, so a client gets one allowance across all nodes; otherwise in this process. Over the
// limit, the client gets a plain 429 page with Retry-After.
public static class RateLimits
{
    public const string Comments = "comments";
    public const string Login = "login";
    public const string Search = "search";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IServiceProvider>((limiter, options, services) =>
        {
            var redis = services.GetService<RedisConnection>();
            var prefix = builder.Configuration.GetValue("Caching:RedisPrefix", "broadsheet:") + "ratelimit:";
            var limits = options.Value;
            limiter.AddPolicy(Comments, context => Partition(context, Comments, limits.CommentsPerMinute, postsOnly: true, redis, prefix));
            limiter.AddPolicy(Login, context => Partition(context, Login, limits.LoginPerMinute, postsOnly: true, redis, prefix));
            limiter.AddPolicy(Search, context => Partition(context, Search, limits.SearchPerMinute, postsOnly: false, redis, prefix));
            limiter.OnRejected = (rejected, _) => new ValueTask(AnswerAsync(rejected.HttpContext, rejected.Lease));
        });
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            Limit(pages, "/Articles/ArticlePage", Comments);
            Limit(pages, "/Accounts/LoginPage", Login);
            Limit(pages, "/Search/SearchPage", Search);
        });
        return builder;
    }

    // After routing (the limits belong to endpoints) and after the output cache, which answers
    // cached pages before they get here: reading an article costs no counting.
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static void Limit(RazorPagesOptions pages, string page, string policy) =>
        pages.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, int permitsPerMinute, bool postsOnly,
        RedisConnection? redis, string prefix)
    {
        // Without a peer address (a Unix socket) clients cannot be told apart: counting them
        // together would shut every reader out at once.
        if (permitsPerMinute <= 0 || context.Connection.RemoteIpAddress is not { } address
            || (postsOnly && !HttpMethods.IsPost(context.Request.Method)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var key = policy + ":" + Client(address);
        return RateLimitPartition.Get(key, _ =>
        {
            var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = Window,
                QueueLimit = 0,
                // The partitioned limiter replenishes its limiters on its own timer.
                AutoReplenishment = false,
            });
            return redis is null ? local : new RedisWindowLimiter(redis, prefix + key, permitsPerMinute, Window, local);
        });
    }

    // One IPv6 client commonly holds a whole /64: counting per address would let it walk
    // through 2^64 allowances.
    private static string Client(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static Task AnswerAsync(HttpContext context, RateLimitLease lease)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var explanation = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
        {
            Comments => $"This address has posted more comments than the site accepts in a minute. Your comment was not saved: please wait {seconds} seconds and post it again.",
            Login => $"This address has tried to sign in more often than the site accepts in a minute. Please wait {seconds} seconds and try again.",
            _ => $"This address has searched more often than the site accepts in a minute. Please wait {seconds} seconds and search again.",
        };
        return ErrorAnswers.WritePageAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"<p>{System.Net.WebUtility.HtmlEncode(explanation)}</p><p><a href=\"/\">Go to the front page</a></p>");
    }
}
