using Broadsheet.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Admin;

// The back office's front door: any staff role may see it; the bar shows what the role may open.
public sealed class DashboardPage : PageModel
{
    public string Role { get; private set; } = "";

    public void OnGet() => Role = Roles.All.FirstOrDefault(User.IsInRole) ?? "";
}
