using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Accounts;

// Creates newsroom accounts, the same way for the setup page, the back office and the command
// line: a user with one role and a byline of their own name.
public sealed class StaffDirectory(BroadsheetDb db, UserManager<StaffUser> users)
{
    public sealed record NewAccount(string Email, string Name, string Role, string Password);

    // Null on success; otherwise the reasons, as sentences for the person filling the form.
    // firstAdministrator: only while the site has no administrator, checked inside the transaction
    // so that two setup pages sent at once cannot both succeed.
    public async Task<IReadOnlyList<string>?> CreateAsync(NewAccount account, CancellationToken cancellationToken,
        bool firstAdministrator = false)
    {
        if (!Roles.All.Contains(account.Role))
        {
            return [$"Unknown role '{account.Role}'. Choose one of: {string.Join(", ", Roles.All)}."];
        }
        if (string.IsNullOrWhiteSpace(account.Name))
        {
            return ["Please enter the person's name."];
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (firstAdministrator && await HasAdministratorAsync(cancellationToken))
        {
            return ["The site already has an administrator."];
        }
        var name = account.Name.Trim();
        var slug = await Slugs.UniqueAsync(Slugs.From(name), s => db.Authors.AnyAsync(a => a.Slug == s, cancellationToken));
        var byline = new Author { Name = name, Slug = slug };
        var user = new StaffUser { UserName = account.Email.Trim(), Email = account.Email.Trim(), DisplayName = name, Author = byline };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => e.Description)];
        }
        var added = await users.AddToRoleAsync(user, account.Role);
        if (!added.Succeeded)
        {
            return [.. added.Errors.Select(e => e.Description)];
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static readonly string AdministratorRoleId = Roles.Administrator.ToLowerInvariant();

    public Task<bool> HasAdministratorAsync(CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.RoleId == AdministratorRoleId, cancellationToken);

    // The single role of a user (the back office never gives two).
    public async Task<string?> RoleOfAsync(StaffUser user) => (await users.GetRolesAsync(user)).FirstOrDefault();

    public async Task<IReadOnlyList<string>?> ChangeRoleAsync(StaffUser user, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"Unknown role '{role}'."];
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && role != Roles.Administrator
            && await db.UserRoles.CountAsync(ur => ur.RoleId == AdministratorRoleId) == 1)
        {
            return ["The site needs at least one administrator: make someone else an administrator first."];
        }
        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        // A new security stamp signs the user out everywhere, so the old role stops at once.
        var stamped = added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
        return stamped.Succeeded ? null : [.. stamped.Errors.Select(e => e.Description)];
    }

    public async Task<IReadOnlyList<string>?> ResetPasswordAsync(StaffUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        return reset.Succeeded ? null : [.. reset.Errors.Select(e => e.Description)];
    }
}
