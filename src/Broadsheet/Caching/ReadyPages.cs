using System.Globalization;

namespace Broadsheet.Caching;

// The front of the site for cached reader pages: a page the output cache holds, once a reader has
// got it, is answered from its ready form (ReadyPage) before anything else runs (error pages,
// routing, the output cache's own lookup). A request it cannot answer goes on as before, and its
// answer is kept ready if the output cache stored or served it. What may be answered here is
// exactly what the output cache would answer: an anonymous GET (ReaderPagePolicy's cookies), found
// under the same parts as the output cache's key, fresh, and not conditional (the output cache
// answers If-None-Match / If-Modified-Since with its 304s).
internal sealed class ReadyPages(RequestDelegate next, LocalPageTier tier, AcceptedEncodings encodings)
{
    private const int LongestAddress = 2048;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || ReaderPagePolicy.CarriesPersonalCookie(request))
        {
            return next(context);
        }
        Span<char> buffer = stackalloc char[LongestAddress];
        if (!TryWriteAddress(context, buffer, out var length))
        {
            return next(context);
        }
        var address = buffer[..length];
        var headers = request.Headers;
        if (headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0 && tier.Ready(address) is { } ready)
        {
            return ready.WriteAsync(context.Response);
        }
        return KeepAsync(context, address.ToString());
    }

    private async Task KeepAsync(HttpContext context, string address)
    {
        var inFlight = PageInFlight.Begin(tier);
        await next(context);
        if (inFlight.Stored is { } stored && ReadyPage.From(address, context.Response, stored.Bytes) is { } ready)
        {
            tier.Keep(inFlight, ready);
        }
    }

    // What the output cache's key is made of, for a GET: scheme, host, path base, path, query and
    // encoding, parted by spaces. The decoded paths may hold any character, so each comes after its
    // length; the others hold no space.
    private bool TryWriteAddress(HttpContext context, Span<char> into, out int length)
    {
        var request = context.Request;
        length = 0;
        return Write(request.Scheme, into, ref length) && Write(request.Host.Value, into, ref length)
            && WriteCounted(request.PathBase.Value, into, ref length) && WriteCounted(request.Path.Value, into, ref length)
            && Write(request.QueryString.Value, into, ref length) && Write(encodings.For(context), into, ref length);
    }

    private static bool WriteCounted(string? part, Span<char> into, ref int length)
    {
        part ??= "";
        if (!part.Length.TryFormat(into[length..], out var digits, provider: CultureInfo.InvariantCulture))
        {
            return false;
        }
        length += digits;
        return Write(part, into, ref length);
    }

    private static bool Write(string? part, Span<char> into, ref int length)
    {
        part ??= "";
        if (length + part.Length + 1 > into.Length)
        {
            return false;
        }
        part.CopyTo(into[length..]);
        into[length + part.Length] = ' ';
        length += part.Length + 1;
        return true;
    }
}
