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

    // Setting a password is also how an invited account (see InviteAsync) is opened, and how a
    // locked-out one is unlocked: the administrator has just vouched for the person.
    public async Task<IReadOnlyList<string>?> ResetPasswordAsync(StaffUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (reset.Succeeded && user.LockoutEnd is not null)
        {
            reset = await users.SetLockoutEndDateAsync(user, null);
            reset = reset.Succeeded ? await users.ResetAccessFailedCountAsync(user) : reset;
        }
        return reset.Succeeded ? null : [.. reset.Errors.Select(e => e.Description)];
    }

    // Far enough to mean "never", near enough for every database's timestamp type.
    public static readonly DateTimeOffset AwaitingPassword = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // An account for a byline that came from elsewhere (a WordPress import): no password, and
    // locked until an administrator sets one, which is the invitation. An account that already has
    // the email is linked instead, if its own byline is an empty one made with it (the
    // administrator who set the site up before importing). Created says whether an account was
    // made; Error why none could be made or linked.
    public async Task<(bool Created, string? Error)> InviteAsync(Author byline, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(byline);
        var email = byline.Email ?? throw new ArgumentException("The byline has no email.", nameof(byline));
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return (false, await LinkAsync(existing, byline, cancellationToken));
        }
        var name = byline.Name.Length <= 200 ? byline.Name : byline.Name[..200];
        var user = new StaffUser
        {
            UserName = email, Email = email, DisplayName = name, AuthorId = byline.Id,
            LockoutEnabled = true, LockoutEnd = AwaitingPassword,
        };
        var created = await users.CreateAsync(user);
        var added = created.Succeeded ? await users.AddToRoleAsync(user, role) : created;
        return added.Succeeded ? (true, null) : (false, string.Join(" ", added.Errors.Select(e => e.Description)));
    }

    private async Task<string?> LinkAsync(StaffUser user, Author byline, CancellationToken cancellationToken)
    {
        if (user.AuthorId == byline.Id)
        {
            return null;
        }
        var own = user.AuthorId;
        if (own is not null && (await db.Authors.AnyAsync(a => a.Id == own && a.WordPressLogin != null, cancellationToken)
            || await db.Articles.AnyAsync(a => a.AuthorId == own, cancellationToken)))
        {
            return $"the account {user.Email} already writes under another byline";
        }
        user.AuthorId = byline.Id;
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? null : string.Join(" ", updated.Errors.Select(e => e.Description));
    }
}
