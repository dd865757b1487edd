using Broadsheet.Comments;
using Microsoft.AspNetCore.OutputCaching;

namespace Broadsheet.Caching;

// Reader pages (home, archives, articles) are the same bytes for every anonymous reader, so they
// are served from the output cache. A request that carries anything personal bypasses it: the
// browser token of a reader with a comment awaiting moderation (they must see it in place), the
// remembered commenter (their details fill the form), or a signed-in account. Answers that set a
// cookie or are not 200 are never stored.
// One instance serves every request (built once from the application's services): a cache hit
// must cost no request scope, no delegate and no service lookup.
internal sealed class ReaderPagePolicy(AcceptedEncodings encodings) : IOutputCachePolicy
{
    public const string Name = "ReaderPages";
    public const string AllPagesTag = "pages";

    private static readonly string[] PersonalCookies =
        [CommenterCookies.BrowserTokenCookie, CommenterCookies.RememberedCookie, Accounts.AccountSetup.StaffCookie];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        // The cookies alone decide: the output cache runs before authentication (SiteSetup), so
        // that cached pages are answered without it; a signed-in browser has the Identity cookie.
        var isCacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !CarriesPersonalCookie(request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = isCacheable;
        context.AllowCacheStorage = isCacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        // Pages are stored compressed (CachingSetup), so the encoding this reader gets is part of the key.
        context.CacheVaryByRules.VaryByValues["encoding"] = encodings.For(context.HttpContext);
        context.Tags.Add(AllPagesTag);
        // Article pages tag themselves with their article (CacheTags.Tag); every other reader page lists articles.
        if (context.HttpContext.GetRouteValue("year") is null)
        {
            context.Tags.Add(CacheTags.Lists);
        }
        return ValueTask.CompletedTask;
    }

    // Also asked by ReadyPages, which answers cached pages before this policy runs.
    internal static bool CarriesPersonalCookie(HttpRequest request)
    {
        if (request.Headers.Cookie.Count == 0)
        {
            return false;
        }
        foreach (var name in PersonalCookies)
        {
            if (request.Cookies.ContainsKey(name))
            {
                return true;
            }
        }
        return false;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
