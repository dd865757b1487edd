using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Broadsheet.Feeds;

// An XML document (feed or sitemap) answered with validators: the ETag is a hash of the bytes and
// Last-Modified the newest item's time, so feed readers that poll get a bodiless 304 when nothing changed.
public sealed class XmlAnswer(byte[] body, string mediaType, DateTime? lastModifiedUtc) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        // Weak: the same bytes go out as they are, in Brotli or in gzip (response compression), and a
        // strong ETag would have to differ between those encodings.
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"", isWeak: true);
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };
        DateTimeOffset? lastModified = lastModifiedUtc is { } utc
            ? new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) // HTTP dates have whole seconds
            : null;
        headers.LastModified = lastModified;
        if (IsNotModified(request.GetTypedHeaders(), etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = mediaType + "; charset=utf-8";
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110, 13.2.2).
    private static bool IsNotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset? lastModified)
    {
        if (request.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
        }
        return lastModified is { } modified && request.IfModifiedSince is { } since && modified <= since;
    }
}
