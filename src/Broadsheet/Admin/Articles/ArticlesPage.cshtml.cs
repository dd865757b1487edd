using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Articles;

// Every article of the site, newest change first, filtered by status, byline, section and text.
public sealed class ArticlesPage(BroadsheetDb db) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(int Id, string Title, ArticleStatus Status, string Author, string Category, DateTime UpdatedAt, DateTime? PublishedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Author> Authors { get; private set; } = [];
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public bool HasMore { get; private set; }

    public ArticleStatus? Status { get; private set; }
    public int? AuthorId { get; private set; }
    public int? CategoryId { get; private set; }
    public string? Text { get; private set; }
    public int PageNumber { get; private set; }

    public async Task OnGetAsync(ArticleStatus? status, int? author, int? category, string? q, CancellationToken cancellationToken,
        int p = 1)
    {
        (Status, AuthorId, CategoryId, Text, PageNumber) = (status, author, category, q?.Trim(), Math.Max(1, p));
        var articles = db.Articles.AsNoTracking();
        if (status is { } s)
        {
            articles = articles.Where(a => a.Status == s);
        }
        if (author is { } authorId)
        {
            articles = articles.Where(a => a.AuthorId == authorId);
        }
        if (category is { } categoryId)
        {
            articles = articles.Where(a => a.CategoryId == categoryId);
        }
        if (Text is { Length: > 0 } text)
        {
            articles = articles.Where(a => a.Title.Contains(text) || a.BodyMarkdown.Contains(text));
        }
        var rows = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new Row(a.Id, a.Title, a.Status, a.Author.Name, a.Category.Name, a.UpdatedAt, a.PublishedAt))
            .ToListAsync(cancellationToken);
        (HasMore, Rows) = (rows.Count > PageSize, rows.Take(PageSize).ToList());
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    public string PageHref(int number) =>
        $"?status={Status}&author={AuthorId}&category={CategoryId}&q={Uri.EscapeDataString(Text ?? "")}&p={number}";
}
