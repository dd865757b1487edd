using Broadsheet.Accounts;
using Broadsheet.Admin.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Admin.Users;

public sealed class NewUserPage(StaffDirectory staff, AuditLog audit) : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Name { get; private set; }
    public string? Email { get; private set; }
    public string Role { get; private set; } = Roles.Author;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? email, string? role, string? password,
        CancellationToken cancellationToken)
    {
        (Name, Email, Role) = (name, email, role ?? "");
        var errors = await staff.CreateAsync(new StaffDirectory.NewAccount(email ?? "", name ?? "", Role, password ?? ""), cancellationToken);
        if (errors is not null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await audit.RecordAsync(User, "user.created", $"{email} as {Role}", cancellationToken);
        return LocalRedirect("/admin/users/");
    }
}
