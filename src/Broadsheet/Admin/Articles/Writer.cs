using System.Security.Claims;
using Broadsheet.Accounts;
using Broadsheet.Articles;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Articles;

// The signed-in person at the writing desk, with WordPress's rules for what their role may do:
// contributors write drafts but never publish, authors publish and edit their own articles,
// editors and administrators everything. Every back-office handler asks these, not the buttons.
public sealed record Writer(string UserName, string Role, int? AuthorId)
{
    public bool IsEditor => Roles.EditsEverything(Role);

    public bool Owns(Article article) => AuthorId is { } id && article.AuthorId == id;

    public bool CanEdit(Article article) => IsEditor || (Owns(article) && Role switch
    {
        Roles.Author => true,
        // A contributor's work is theirs only until it has been published.
        Roles.Contributor => article.Status == ArticleStatus.Draft && article.PublishedAt is null,
        _ => false,
    });

    public bool CanPublish(Article article) => IsEditor || (Owns(article) && Role == Roles.Author);

    public static async Task<Writer> LoadAsync(ClaimsPrincipal user, BroadsheetDb db, CancellationToken cancellationToken)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var authorId = await db.Users.Where(u => u.Id == id).Select(u => u.AuthorId).FirstOrDefaultAsync(cancellationToken);
        return new Writer(user.Identity?.Name ?? "", Roles.All.FirstOrDefault(user.IsInRole) ?? "", authorId);
    }
}
