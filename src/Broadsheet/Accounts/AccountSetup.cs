using Broadsheet.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broadsheet.Accounts;

// Staff sign in with ASP.NET Core Identity (users and roles in the site's own database) and a
// cookie. Every back-office page is under /admin and every folder there carries its policy, so
// the role is checked on the server for each request, whatever the pages show or hide.
public static class AccountSetup
{
    public const string LoginPath = "/admin/login";

    // Also how the page cache tells a signed-in browser, before authentication runs (ReaderPagePolicy).
    public const string StaffCookie = "broadsheet_staff";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var accounts = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddIdentity<StaffUser, Microsoft.AspNetCore.Identity.IdentityRole>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                // Length over composition rules, as NIST SP 800-63B advises.
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<BroadsheetDb>()
            .AddDefaultTokenProviders();
        builder.Services.AddOptions<PasswordHasherOptions>().Configure<IOptions<AccountOptions>>(
            (hasher, options) => hasher.IterationCount = options.Value.PasswordHashIterations);
        builder.Services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = StaffCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = "/admin/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // A signed-in user without the role gets a plain 403 page, not a redirect loop.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in Policies.RolesOf)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Admin", Policies.Staff);
            pages.Conventions.AuthorizeFolder("/Admin/Articles", Policies.Writers);
            pages.Conventions.AuthorizeFolder("/Admin/Media", Policies.Uploaders);
            pages.Conventions.AuthorizeFolder("/Admin/Comments", Policies.Moderators);
            pages.Conventions.AuthorizeFolder("/Admin/Users", Policies.Administrators);
            pages.Conventions.AuthorizeFolder("/Admin/Settings", Policies.Administrators);
            pages.Conventions.AuthorizeFolder("/Admin/Audit", Policies.Administrators);
        });
        builder.Services.AddScoped<StaffDirectory>();
        return builder;
    }
}
