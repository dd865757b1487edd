namespace Broadsheet.Shared;

// Safe defaults for every answer. The content security policy allows only our own scripts and
// styles: even if some HTML slipped past the sanitiser, an injected script would not run.
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; " +
        "form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        return next(context);
    }
}
