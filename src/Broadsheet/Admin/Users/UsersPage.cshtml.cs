using Broadsheet.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Users;

public sealed class UsersPage(BroadsheetDb db) : PageModel
{
    public sealed record Row(string Id, string Name, string? Email, string? Role);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new Row(u.Id, u.DisplayName, u.Email,
                db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
}
