using Broadsheet.Admin.Articles;
using Broadsheet.Admin.Audit;
using Broadsheet.Admin.Comments;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Admin;

// The back office's services and background work. Its pages live under /admin and are guarded
// folder by folder (see Accounts/AccountSetup).
public static class AdminSetup
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<ArticleDesk>();
        builder.Services.AddScoped<ModerationQueue>();
        builder.Services.AddSingleton<NewsroomJobs>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NewsroomJobs>());
        builder.Services.Configure<RazorPagesOptions>(pages =>
            pages.Conventions.AddPageRoute("/Admin/Articles/EditArticlePage", "admin/articles/new"));
        return builder;
    }
}
