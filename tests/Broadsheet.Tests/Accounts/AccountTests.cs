using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin.Audit;
using Broadsheet.Shared;
using Broadsheet.Tests.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broadsheet.Tests.Accounts;

// Signing in and out, lockout, the one-time setup page, the users command and user administration.
public class AccountTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Passwords_are_hashed_with_600000_PBKDF2_iterations_unless_the_operator_says_otherwise()
    {
        using var app = new BroadsheetApp();
        app.Settings.Remove("Accounts:PasswordHashIterations");

        var hasher = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;

        Assert.Equal(600_000, hasher.IterationCount);
        Assert.Equal(600_000, new AccountOptions().PasswordHashIterations);
    }

    [Fact]
    public async Task The_setup_page_creates_the_first_administrator_and_is_gone_afterwards()
    {
        using var app = new BroadsheetApp();
        var newcomer = app.CreateReader();
        var loginBefore = await newcomer.GetPageAsync("/admin/login/");

        var created = await newcomer.SubmitAsync("/admin/setup/", "form#setup",
            new() { ["name"] = "Nell Harbour", ["email"] = "nell@example.org", ["password"] = Staff.Password });
        var dashboard = await newcomer.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);
        var again = await app.CreateReader().GetAsync(new Uri("/admin/setup/", UriKind.Relative), Cancel);
        var secondPost = await app.CreateReader().PostAsync(new Uri("/admin/setup/", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "evil@example.org" }), Cancel);

        var loginAfter = await app.CreateReader().GetPageAsync("/admin/login/");

        Assert.NotNull(loginBefore.QuerySelector("#setup-link a[href='/admin/setup/']"));
        Assert.Null(loginAfter.QuerySelector("#setup-link"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, secondPost.StatusCode);
        var administrators = await app.WithDbAsync(db => db.UserRoles.CountAsync(ur => ur.RoleId == "administrator", Cancel));
        Assert.Equal(1, administrators);
        Assert.True(await app.WithDbAsync(db => db.Authors.AnyAsync(a => a.Name == "Nell Harbour", Cancel)));
    }

    [Fact]
    public async Task A_short_password_is_refused_on_the_setup_page_with_a_reason()
    {
        using var app = new BroadsheetApp();

        var refused = await app.CreateReader().SubmitAsync("/admin/setup/", "form#setup",
            new() { ["name"] = "Nell", ["email"] = "nell@example.org", ["password"] = "short" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least 12 characters", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var app = new BroadsheetApp();
        await app.CreateAccountAsync(Roles.Editor);
        var client = app.CreateReader();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SignInAsync(Staff.EmailFor(Roles.Editor), "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.SignInAsync(Staff.EmailFor(Roles.Editor), Staff.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_and_back()
    {
        using var app = new BroadsheetApp();
        await app.CreateAccountAsync(Roles.Administrator);
        var client = app.CreateReader();

        var bounced = await client.GetAsync(new Uri("/admin/users/", UriKind.Relative), Cancel);
        var login = await client.GetPageAsync(bounced.Headers.Location!.PathAndQuery);
        var signedIn = await client.SubmitAsync(bounced.Headers.Location!.PathAndQuery, "form#login",
            new() { ["email"] = Staff.EmailFor(Roles.Administrator), ["password"] = Staff.Password });

        Assert.Equal(HttpStatusCode.Redirect, bounced.StatusCode);
        Assert.Equal("/admin/login", bounced.Headers.Location!.AbsolutePath);
        Assert.NotNull(login.QuerySelector("form#login"));
        Assert.Equal("/admin/users/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_takes_a_post_and_a_get_changes_nothing()
    {
        using var app = new BroadsheetApp();
        var client = await app.SignedInAsync(Roles.Moderator);

        await client.GetAsync(new Uri("/admin/logout/", UriKind.Relative), Cancel);
        var stillIn = await client.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);
        var signedOut = await client.SubmitAsync("/admin/logout/", "main form", []);
        var afterwards = await client.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task The_users_command_creates_an_account_with_the_password_from_standard_input()
    {
        using var app = new BroadsheetApp();
        using var output = new StringWriter();
        using var error = new StringWriter();
        await using var scope = app.Services.CreateAsyncScope();

        var code = await UsersCommand.RunAsync(new CommandContext(scope.ServiceProvider,
            ["add", "--email", "ops@example.org", "--name", "Ola Ops", "--role", "Administrator"],
            new StringReader(Staff.Password + "\n"), output, error, IsInteractive: false, Cancel));
        var signedIn = await app.CreateReader().SignInAsync("ops@example.org", Staff.Password);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync(new Uri("/admin/setup/", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_users_command_refuses_an_unknown_role_and_missing_options()
    {
        using var app = new BroadsheetApp();
        await using var scope = app.Services.CreateAsyncScope();
        using var error = new StringWriter();

        var unknownRole = await UsersCommand.RunAsync(new CommandContext(scope.ServiceProvider,
            ["add", "--email", "x@example.org", "--name", "X", "--role", "Overlord"],
            new StringReader(Staff.Password), TextWriter.Null, error, IsInteractive: false, Cancel));
        var missing = await UsersCommand.RunAsync(new CommandContext(scope.ServiceProvider, ["add", "--email", "x@example.org"],
            new StringReader(""), TextWriter.Null, error, IsInteractive: false, Cancel));

        Assert.Equal(1, unknownRole);
        Assert.Equal(2, missing);
        Assert.Contains("Unknown role 'Overlord'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(UsersCommand.Usage, error.ToString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(Cancel)));
    }

    [Fact]
    public async Task An_administrator_creates_a_user_changes_the_role_and_resets_the_password()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);

        var created = await admin.SubmitAsync("/admin/users/new/", "form#new-user", new()
        {
            ["name"] = "Cora Writer", ["email"] = "cora@example.org", ["role"] = Roles.Contributor, ["password"] = Staff.Password,
        });
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "cora@example.org").Select(u => u.Id).SingleAsync(Cancel));
        var promoted = await admin.SubmitAsync($"/admin/users/{id}/", "form#change-role", new() { ["role"] = Roles.Editor });
        var reset = await admin.SubmitAsync($"/admin/users/{id}/", "form#reset-password", new() { ["password"] = "a brand new passphrase" });
        var cora = app.CreateReader();
        var oldPassword = await cora.SignInAsync("cora@example.org", Staff.Password);
        var newPassword = await cora.SignInAsync("cora@example.org", "a brand new passphrase");
        var users = await cora.GetAsync(new Uri("/admin/users/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(["user.created", "user.role-changed", "user.password-reset"], audit);
        var log = await admin.GetPageAsync("/admin/audit/");
        Assert.Contains("Contributor → Editor", log.QuerySelector("#audit")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted()
    {
        using var app = new BroadsheetApp();
        var admin = await app.SignedInAsync(Roles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync(Cancel));

        var refused = await admin.SubmitAsync($"/admin/users/{id}/", "form#change-role", new() { ["role"] = Roles.Editor });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least one administrator", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/users/", UriKind.Relative), Cancel)).StatusCode);
    }
}
