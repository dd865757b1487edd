using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Accounts;

// First start: with no administrator yet, anyone who reaches the site may create one. The page is
// gone (404) as soon as an administrator exists, so it cannot be used to take over a running site.
public sealed class SetupPage(StaffDirectory staff, SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public string? Name { get; private set; }
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await staff.HasAdministratorAsync(cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string? name, string? email, string? password, CancellationToken cancellationToken)
    {
        if (await staff.HasAdministratorAsync(cancellationToken))
        {
            return NotFound();
        }
        (Name, Email) = (name, email);
        var errors = await staff.CreateAsync(
            new StaffDirectory.NewAccount(email ?? "", name ?? "", Roles.Administrator, password ?? ""), cancellationToken,
            firstAdministrator: true);
        if (errors is not null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await signIn.SignInAsync((await users.FindByEmailAsync(email!.Trim()))!, isPersistent: false);
        return LocalRedirect("/admin/");
    }
}
