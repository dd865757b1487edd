using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Broadsheet.Caching;

// What the caches in front of the site learn about a reader page. A page the output cache stores is
// public: Cache-Control with s-maxage and stale-while-revalidate, an ETag (a hash of the bytes as
// sent, so each compressed form has its own) that the output cache answers 304s with, and its cache
// tags as Surrogate-Key (Fastly, Varnish) and Cache-Tag (Cloudflare, Akamai), so that a CDN can be
// purged with the very tags the output cache is evicted by. A personal page is private, no-store.
// Runs inside the output cache: hits are answered with the stored headers, at no cost here.
internal sealed class ReaderPageHeaders(RequestDelegate next, IOptions<PageCacheOptions> options)
{
    private readonly string _sharedCacheControl = options.Value.SharedCacheControl;

    public async Task InvokeAsync(HttpContext context)
    {
        var cache = context.Features.Get<IOutputCacheFeature>()?.Context;
        if (cache is null)
        {
            await next(context);
            return;
        }
        if (!cache.AllowCacheStorage)
        {
            context.Response.Headers.CacheControl = "private, no-store";
            await next(context);
            return;
        }
        // Buffered (only when the page is rendered, once per cache entry) so that the headers can
        // name the bytes and the tags the page added while rendering.
        var original = context.Response.Body;
        using var buffer = new PooledBuffer();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var body = buffer.Written;
        if (body.Length == 0)
        {
            return; // Left unwritten: a status code page may still have to fill it.
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && response.Headers.SetCookie.Count == 0)
        {
            Describe(response.Headers, body.Span, cache.Tags);
        }
        response.ContentLength = body.Length;
        await original.WriteAsync(body, context.RequestAborted);
    }

    // Also how ReadyPages makes sure the bytes it would answer are the ones this page was sent with.
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "\"" + Convert.ToHexStringLower(hash[..12]) + "\"";
    }

    private void Describe(IHeaderDictionary headers, ReadOnlySpan<byte> body, HashSet<string> tags)
    {
        headers.ETag = ETagOf(body);
        headers.CacheControl = _sharedCacheControl;
        headers["Surrogate-Key"] = string.Join(' ', tags);
        headers["Cache-Tag"] = string.Join(',', tags);
        // Also when this answer is not compressed: a cache must not give it to a reader who asked
        // for Brotli, nor the Brotli one to a reader who cannot read it.
        if (!headers.Vary.Any(v => v is not null && v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
        {
            headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }
    }
}
