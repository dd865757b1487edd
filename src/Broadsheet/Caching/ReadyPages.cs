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

    // One address buffer per thread: used only before the first await, it costs a request neither
    // an allocation nor the zeroing a stackalloc of this size would.
    [ThreadStatic]
    private static char[]? _addressBuffer;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || ReaderPagePolicy.CarriesPersonalCookie(request))
        {
            return next(context);
        }
        var buffer = _addressBuffer ??= new char[LongestAddress];
        if (!TryWriteAddress(context, buffer, out var length))
        {
            return next(context);
        }
        var address = buffer.AsSpan(0, length);
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
    // encoding. A decoded path may hold any character, so each part comes after its length.
    private bool TryWriteAddress(HttpContext context, Span<char> into, out int length)
    {
        var request = context.Request;
        length = 0;
        return Write(request.Scheme, into, ref length) && Write(request.Host.Value, into, ref length)
            && Write(request.PathBase.Value, into, ref length) && Write(request.Path.Value, into, ref length)
            && Write(request.QueryString.Value, into, ref length) && Write(encodings.For(context), into, ref length);
    }

    private static bool Write(string? part, Span<char> into, ref int length)
    {
        part ??= "";
        if (!part.Length.TryFormat(into[length..], out var digits, provider: CultureInfo.InvariantCulture)
            || length + digits + 1 + part.Length > into.Length)
        {
            return false;
        }
        length += digits;
        into[length++] = ':';
        part.CopyTo(into[length..]);
        length += part.Length;
        return true;
    }
}
