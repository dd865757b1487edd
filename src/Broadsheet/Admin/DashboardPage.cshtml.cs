using Broadsheet.Accounts;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin;

// The back office's front door: any staff role may see it, with what waits for that role.
public sealed class DashboardPage(BroadsheetDb db) : PageModel
{
    public string Role { get; private set; } = "";
    public int? PendingComments { get; private set; }
    public IReadOnlyDictionary<ArticleStatus, int>? Articles { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Role = Roles.All.FirstOrDefault(User.IsInRole) ?? "";
        if (Policies.RolesOf[Policies.Moderators].Contains(Role))
        {
            PendingComments = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        }
        if (Policies.RolesOf[Policies.Writers].Contains(Role))
        {
            Articles = await db.Articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }
    }
}
