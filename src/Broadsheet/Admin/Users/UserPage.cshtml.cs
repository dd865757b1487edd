using Broadsheet.Accounts;
using Broadsheet.Admin.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Admin.Users;

// An administrator changes someone's role or sets a new password for them.
public sealed class UserPage(UserManager<StaffUser> users, StaffDirectory staff, AuditLog audit) : PageModel
{
    public StaffUser Account { get; private set; } = null!;
    public string? Role { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(string id, string? role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var before = Role;
        Errors = await staff.ChangeRoleAsync(Account, role ?? "") ?? [];
        if (Errors.Count == 0)
        {
            Role = role;
            Message = $"Role changed to {role}.";
            await audit.RecordAsync(User, "user.role-changed", $"{Account.Email}: {before} → {role}", cancellationToken);
        }
        return Answer();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, string? password, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Errors = await staff.ResetPasswordAsync(Account, password ?? "") ?? [];
        if (Errors.Count == 0)
        {
            Message = "Password reset.";
            await audit.RecordAsync(User, "user.password-reset", Account.Email ?? "", cancellationToken);
        }
        return Answer();
    }

    private PageResult Answer()
    {
        Response.StatusCode = Errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return false;
        }
        Account = account;
        Role = await staff.RoleOfAsync(account);
        return true;
    }
}
