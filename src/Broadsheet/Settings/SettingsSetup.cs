using Broadsheet.Comments;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Settings;

// Editor settings (stored in the database, edited at /admin/settings/) layered over the operator's
// configuration for the settings both know.
public static class SettingsSetup
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EditorSettings>();
        builder.Services.AddSingleton<IOptions<SiteOptions>, EditedSiteOptions>();
        builder.Services.AddSingleton<IOptions<CommentOptions>, EditedCommentOptions>();
        return builder;
    }

    public static WebApplication UseSettings(this WebApplication app)
    {
        app.UseMiddleware<EditorSettingsRefresh>();
        return app;
    }
}
