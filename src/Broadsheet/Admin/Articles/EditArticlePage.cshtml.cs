using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Media;
using Broadsheet.Settings;
using Broadsheet.Shared;
using Broadsheet.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Articles;

// Writing and editing an article: /admin/articles/new and /admin/articles/{id}/. The buttons a
// role may not use are hidden, and every handler checks the role again (Writer).
public sealed class EditArticlePage(BroadsheetDb db, SiteClock clock, ArticleDesk desk, Permalinks permalinks, EditorSettings settings)
    : PageModel
{
    public const string ConflictMessage =
        "Someone else saved this article while you were editing it. Your version was not saved: it is still in the form below. "
        + "Open the article again in a new tab to see theirs, then copy your changes across and save.";

    public const string ContributorsCannotPublish = "Contributors cannot publish; save your draft and an editor will publish it.";

    public const string OnlyEditorsSetBylines = "Only editors and administrators can change an article's byline.";

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    public Article? Article { get; private set; }
    public Writer Writer { get; private set; } = null!;
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    // Every byline, for editors and administrators only (the others cannot change it).
    public IReadOnlyList<Authors.Author> Bylines { get; private set; } = [];

    // The featured image picker's choices: the latest uploads, and the article's own image even if older.
    public IReadOnlyList<MediaItem> MediaChoices { get; private set; } = [];

    public const int MediaChoiceCount = 24;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public string? Message { get; private set; }
    public string? PreviewHtml { get; private set; }
    public string? Permalink => Article is { PublishedAt: not null } a ? permalinks.For(a) : null;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        Form = Article is null
            ? new ArticleForm
            {
                CategoryId = Categories.Count > 0 ? Categories[0].Id : 0,
                CommentsOpen = settings.Stored?.CommentsOpenByDefault ?? true,
            }
            : ArticleForm.From(Article, clock);
        Message = Request.Query.ContainsKey("saved") ? "Saved." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        intent ??= "save";
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (intent == "preview")
        {
            PreviewHtml = ArticleBody.ToHtml(Form.Body ?? "");
            return Page();
        }
        var article = Article ?? NewArticle();
        if (intent is "publish" or "schedule" or "unpublish" && !Writer.CanPublish(article))
        {
            return StatusPage.Show(this, StatusCodes.Status403Forbidden, ContributorsCannotPublish);
        }
        if (Form.AuthorId is { } byline && byline != article.AuthorId && !Writer.IsEditor)
        {
            return StatusPage.Show(this, StatusCodes.Status403Forbidden, OnlyEditorsSetBylines);
        }
        var errors = Form.Validate(intent, clock);
        if (Form.AuthorId is { } chosen && Writer.IsEditor && !Bylines.Any(a => a.Id == chosen))
        {
            errors["authorId"] = "Please choose a byline from the list.";
        }
        if (!Categories.Any(c => c.Id == Form.CategoryId))
        {
            errors["categoryId"] = "Please choose a section.";
        }
        if (Form.SecondaryCategoryIds.Any(chosen => Categories.All(c => c.Id != chosen)))
        {
            errors["secondaryCategoryIds"] = "Please choose the other sections from the list.";
        }
        if (Form.FeaturedMediaId is { } mediaId && MediaChoices.All(m => m.Id != mediaId))
        {
            errors["featuredMediaId"] = "Please choose the featured image from the images in Media.";
        }
        if (errors.Count > 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "The article was not saved.", errors);
        }
        if (Article is null)
        {
            db.Articles.Add(article);
        }
        try
        {
            await desk.SaveAsync(article, Form, intent, Form.PublishAtUtc(clock), Writer, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(StatusCodes.Status409Conflict, ConflictMessage, []);
        }
        return Redirect($"/admin/articles/{article.Id}/?saved=1");
    }

    // The live preview: the same Markdown pipeline and sanitiser as the public page.
    public IActionResult OnPostPreview(string? body) => Content(ArticleBody.ToHtml(body ?? ""), "text/html");

    private Article NewArticle() => new()
    {
        Title = "",
        Slug = "",
        BodyMarkdown = "",
        BodyHtml = "",
        Status = ArticleStatus.Draft,
        AuthorId = Writer.AuthorId ?? 0,
    };

    private PageResult Refuse(int status, string message, Dictionary<string, string> errors)
    {
        (Message, Errors) = (message, errors);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IReadOnlyList<MediaItem>> MediaChoicesAsync(int? chosen, CancellationToken cancellationToken)
    {
        var recent = await db.Set<MediaItem>().AsNoTracking()
            .OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(MediaChoiceCount)
            .ToListAsync(cancellationToken);
        if (chosen is { } id && recent.All(m => m.Id != id)
            && await db.Set<MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is { } older)
        {
            recent.Add(older);
        }
        return recent;
    }

    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Writer = await Writer.LoadAsync(User, db, cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        Bylines = Writer.IsEditor ? await db.Authors.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken) : [];
        Article = id is null ? null : await db.Articles.Include(a => a.Tags).Include(a => a.SecondaryCategories).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        MediaChoices = await MediaChoicesAsync(Form.FeaturedMediaId ?? Article?.FeaturedMediaId, cancellationToken);
        if (id is null)
        {
            return Writer.AuthorId is null
                ? StatusPage.Show(this, StatusCodes.Status403Forbidden, "Your account has no byline to write under.") : null;
        }
        if (Article is null)
        {
            return NotFound();
        }
        return Writer.CanEdit(Article) ? null
            : StatusPage.Show(this, StatusCodes.Status403Forbidden, "Your role may not edit this article.");
    }
}
