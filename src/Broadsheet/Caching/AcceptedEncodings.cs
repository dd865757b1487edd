using System.Collections.Concurrent;
using Microsoft.AspNetCore.ResponseCompression;

namespace Broadsheet.Caching;

// The encoding a reader gets (br, gzip, or identity), as response compression will choose it from
// their Accept-Encoding. Cached pages are stored compressed, so it is part of a page's cache key
// (ReaderPagePolicy) and of its ready address (ReadyPages): both ask here, so they always agree.
// Browsers send a handful of distinct Accept-Encoding values: each is parsed once.
internal sealed class AcceptedEncodings(IResponseCompressionProvider compression)
{
    public const string Identity = "identity";
    private const int Remembered = 64;

    private readonly ConcurrentDictionary<string, string> _byHeader = new(StringComparer.Ordinal);

    public string For(HttpContext context)
    {
        var accept = context.Request.Headers.AcceptEncoding;
        if (accept.Count == 0)
        {
            return Identity;
        }
        if (accept.Count == 1 && accept[0] is { } header && _byHeader.TryGetValue(header, out var known))
        {
            return known;
        }
        var chosen = compression.GetCompressionProvider(context)?.EncodingName ?? Identity;
        if (accept.Count == 1 && _byHeader.Count < Remembered)
        {
            _byHeader.TryAdd(accept[0]!, chosen);
        }
        return chosen;
    }
}
