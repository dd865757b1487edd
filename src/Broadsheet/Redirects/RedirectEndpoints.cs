namespace Broadsheet.Redirects;

public static class RedirectEndpoints
{
    // After UseSite: inside the status-code pages, so that a 404 can still become a 301.
    public static WebApplication UseLegacyUrls(this WebApplication app)
    {
        app.UseMiddleware<LegacyRedirects>();
        return app;
    }
}
