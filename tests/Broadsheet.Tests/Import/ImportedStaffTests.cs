using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Tests.Admin;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// Imported authors with an email become staff accounts to invite: no password, unable to sign in
// until an administrator sets one on their user page.
public sealed class ImportedStaffTests
{
    private const string EditorEmail = "editor@old.example.com"; // site.xml writes it Editor@Old.Example.com
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authors_with_an_email_become_Author_accounts_without_a_password_linked_to_their_byline()
    {
        using var app = Importing.EmptySite();
        app.CreateClient().Dispose();

        var report = await app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        var accounts = await app.WithDbAsync(db => db.Users.Include(u => u.Author).ToListAsync(Cancel));
        var account = Assert.Single(accounts); // miriam has no email in the export, ghost is not listed
        Assert.Equal(1, report.AccountsCreated);
        Assert.Empty(report.AccountsNotCreated);
        Assert.Equal(EditorEmail, account.Email);
        Assert.Equal("editor", account.Author?.WordPressLogin);
        Assert.Equal("編集者 李", account.DisplayName);
        Assert.Null(account.PasswordHash);
        Assert.Equal(Roles.Author, await RoleOfAsync(app, account.Id));
    }

    [Fact]
    public async Task An_imported_author_cannot_sign_in_until_an_administrator_sets_a_password()
    {
        using var app = Importing.EmptySite();
        var administrator = await app.SignedInAsync(Roles.Administrator);
        await app.ImportWordPressAsync(Importing.Fixture("site.xml"));
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == EditorEmail).Select(u => u.Id).SingleAsync(Cancel));
        var author = app.CreateReader();

        var before = await author.SignInAsync(EditorEmail, Staff.Password);
        var userPage = await administrator.GetPageAsync($"/admin/users/{id}/");
        var reset = await administrator.SubmitAsync($"/admin/users/{id}/", "form#reset-password", new() { ["password"] = Staff.Password });
        var after = await author.SignInAsync(EditorEmail, Staff.Password);
        var dashboard = await author.GetAsync(new Uri("/admin/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Contains(LoginPage.WrongDetails, await before.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.NotNull(userPage.QuerySelector("#awaiting-password"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Null((await administrator.GetPageAsync($"/admin/users/{id}/")).QuerySelector("#awaiting-password"));
    }

    [Fact]
    public async Task Importing_again_makes_no_second_account_and_keeps_the_password_that_was_set()
    {
        using var app = Importing.EmptySite();
        app.CreateClient().Dispose();
        await app.ImportWordPressAsync(Importing.Fixture("site.xml"));
        var stampBefore = await app.WithDbAsync(db => db.Users.Select(u => u.SecurityStamp).SingleAsync(Cancel));

        var again = await app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        Assert.Equal(0, again.AccountsCreated);
        Assert.Empty(again.AccountsNotCreated);
        Assert.Equal(stampBefore, await app.WithDbAsync(db => db.Users.Select(u => u.SecurityStamp).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task An_account_made_before_the_import_with_the_same_email_takes_the_imported_byline()
    {
        using var app = Importing.EmptySite();
        await app.CreateAccountAsync(Roles.Administrator, EditorEmail, "Li the Editor");

        var report = await app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        var account = await app.WithDbAsync(db => db.Users.Include(u => u.Author).SingleAsync(Cancel));
        Assert.Equal(0, report.AccountsCreated);
        Assert.Equal("editor", account.Author?.WordPressLogin);
        Assert.Equal(Roles.Administrator, await RoleOfAsync(app, account.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateReader().SignInAsync(EditorEmail, Staff.Password)).StatusCode);
    }

    [Fact]
    public async Task An_account_already_writing_under_its_own_byline_keeps_it_and_the_summary_says_so()
    {
        using var app = new BroadsheetApp(); // the demo newsroom: its bylines have articles
        app.CreateClient().Dispose();
        await app.CreateAccountAsync(Roles.Editor, EditorEmail, "Li the Editor");
        var ownByline = await app.WithDbAsync(db => db.Users.Select(u => u.AuthorId).SingleAsync(Cancel));
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.FirstAsync(Cancel);
            article.AuthorId = ownByline!.Value;
            return await db.SaveChangesAsync(Cancel);
        });

        var report = await app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        Assert.Equal(ownByline, await app.WithDbAsync(db => db.Users.Select(u => u.AuthorId).SingleAsync(Cancel)));
        Assert.Contains(report.AccountsNotCreated, line => line.Contains("already writes under another byline", StringComparison.Ordinal));
    }

    private static Task<string?> RoleOfAsync(BroadsheetApp app, string userId) =>
        app.WithDbAsync(db => db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).SingleOrDefaultAsync(Cancel));
}
