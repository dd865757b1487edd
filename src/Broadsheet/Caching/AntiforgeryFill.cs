using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Broadsheet.Caching;

// Cached pages are shared by every reader, but an antiforgery token belongs to one browser. So
// forms on cacheable pages carry a placeholder instead of a token, the page is cached with the
// placeholder, and this middleware, which runs outside the output cache, puts a token for the
// current browser in its place on the way out (setting the antiforgery cookie when needed).
internal sealed class AntiforgeryFill(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string Placeholder = "__broadsheet_antiforgery_token__";

    private static readonly byte[] PlaceholderBytes = Encoding.ASCII.GetBytes(Placeholder);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsPageRequest(context.Request))
        {
            await next(context);
            return;
        }
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
        var at = body.Span.IndexOf(PlaceholderBytes);
        if (at < 0)
        {
            // An empty body must stay unwritten: the status code pages still have to fill it.
            if (body.Length > 0)
            {
                await original.WriteAsync(body, context.RequestAborted);
            }
            return;
        }
        var token = Encoding.ASCII.GetBytes(antiforgery.GetAndStoreTokens(context).RequestToken ?? "");
        context.Response.ContentLength = body.Length - PlaceholderBytes.Length + token.Length;
        await original.WriteAsync(body[..at], context.RequestAborted);
        await original.WriteAsync(token, context.RequestAborted);
        await original.WriteAsync(body[(at + PlaceholderBytes.Length)..], context.RequestAborted);
    }

    // Pages, not files: GET or HEAD of a path without a file extension.
    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !Path.HasExtension(request.Path.Value);
}
