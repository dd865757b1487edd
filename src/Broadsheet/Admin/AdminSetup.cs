using Broadsheet.Admin.Audit;

namespace Broadsheet.Admin;

// The back office's services. Its pages live under /admin and are guarded folder by folder
// (see Accounts/AccountSetup).
public static class AdminSetup
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }
}
