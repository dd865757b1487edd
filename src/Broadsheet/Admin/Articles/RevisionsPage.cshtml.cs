using Broadsheet.Admin.Audit;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Articles;

// An article's saves, newest first; the line-by-line difference between any two; and restoring
// one, which is itself a save (a new revision), so nothing is ever lost by restoring.
public sealed class RevisionsPage(BroadsheetDb db, TimeProvider time, AuditLog audit) : PageModel
{
    public Article Article { get; private set; } = null!;
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public IReadOnlyList<DiffPiece>? Difference { get; private set; }
    public int? From { get; private set; }
    public int? To { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        (From, To) = (from, to);
        if (Revisions.FirstOrDefault(r => r.Id == from) is { } older && Revisions.FirstOrDefault(r => r.Id == to) is { } newer)
        {
            Difference = InlineDiffBuilder.Diff(older.AsText(), newer.AsText(), ignoreWhiteSpace: false).Lines;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revision, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (Revisions.FirstOrDefault(r => r.Id == revision) is not { } restored)
        {
            return NotFound();
        }
        var who = User.Identity?.Name ?? "";
        var now = time.GetUtcNow().UtcDateTime;
        (Article.Title, Article.Excerpt, Article.UpdatedAt) = (restored.Title, restored.Excerpt, now);
        Article.SetBody(restored.BodyMarkdown);
        Article.Version++;
        db.Add(ArticleRevision.Of(Article, now, who, $"restored revision {restored.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(who, "article.restored", $"#{Article.Id} to revision {restored.Id}", cancellationToken);
        return Redirect($"/admin/articles/{id}/?saved=1");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } article)
        {
            return NotFound();
        }
        if (!(await Writer.LoadAsync(User, db, cancellationToken)).CanEdit(article))
        {
            return StatusPage.Show(this, StatusCodes.Status403Forbidden, "Your role may not edit this article.");
        }
        Article = article;
        Revisions = await db.Set<ArticleRevision>().AsNoTracking().Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return null;
    }
}
