using System.Text.RegularExpressions;

namespace Broadsheet.Shared;

// WordPress's URLs end in a slash, and so do ours: /2025/03/14/slug/, /category/news/, /page/2/.
// The same address without the slash answers 301 to the canonical one, so there is one URL for
// each page (for search engines, caches and links imported from WordPress).
internal sealed partial class TrailingSlash(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && path is not null && !path.EndsWith('/') && PageAddress().IsMatch(path))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location =
                context.Request.PathBase + context.Request.Path.ToUriComponent() + "/" + context.Request.QueryString;
            return Task.CompletedTask;
        }
        return next(context);
    }

    [GeneratedRegex(@"^/(?:\d{4}/\d{1,2}/\d{1,2}/[^/.]+(?:/comment-page-\d+)?|(?:category|tag|author)/[^/.]+(?:/page/\d+)?|page/\d+)$")]
    private static partial Regex PageAddress();
}
