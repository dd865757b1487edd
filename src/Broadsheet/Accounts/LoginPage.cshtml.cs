using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Accounts;

// Sign-in for the newsroom. Every failure counts towards the lockout, and the message never says
// whether the email exists.
public sealed class LoginPage(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, StaffDirectory staff) : PageModel
{
    public const string WrongDetails = "The email address or password is not right.";
    public const string LockedOut = "Too many failed attempts: this account is locked for a while. Try again later.";

    public string? Message { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/admin/";

    // A fresh install has nobody to sign in yet: the page points to the one-time setup.
    public bool NeedsSetup { get; private set; }

    public async Task OnGetAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = SafeReturn(returnUrl);
        NeedsSetup = !await staff.HasAdministratorAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl)
    {
        (Email, ReturnUrl) = (email, SafeReturn(returnUrl));
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        // An invited account (no password yet) answers like a wrong password, not "locked".
        if (user is null || string.IsNullOrEmpty(password) || user.PasswordHash is null)
        {
            return Refuse(WrongDetails);
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }
        return Refuse(result.IsLockedOut ? LockedOut : WrongDetails);
    }

    private PageResult Refuse(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/";
}
