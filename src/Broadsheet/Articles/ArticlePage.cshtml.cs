using System.Globalization;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Search;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Articles;

// The article page at its permalink, with its comment thread and form. The comment form posts
// back to the page's own address, because a refused comment must re-render this very page, with
// the message beside the field and what the reader typed still in place.
public sealed class ArticlePage(
    BroadsheetDb db, SiteClock clock, Permalinks permalinks, CommenterCookies cookies, IOptions<CommentOptions> commentOptions,
    RelatedArticles related, CommentPages pages)
    : PageModel
{
    public Article Article { get; private set; } = null!;
    public string Permalink { get; private set; } = "";
    public IReadOnlyList<CommentNode> Thread { get; private set; } = [];
    public int ApprovedCount { get; private set; }
    public IReadOnlyList<Comment> ApprovedComments { get; private set; } = [];
    public RelatedReading Related { get; private set; } = new([], null, null);
    public CommentFormView Form { get; private set; } = null!;
    public int ThreadDepth => commentOptions.Value.ThreadDepth;
    public Media.MediaItem? FeaturedImage { get; private set; }
    public CommentPages.Page CommentPage { get; private set; } = new(1, 1, []);
    private int PerPage => commentOptions.Value.CommentsPerPage;

    public async Task<IActionResult> OnGetAsync(string? slug, string? pagePath, int? commentPage, int? replytocom, CancellationToken cancellationToken)
    {
        if (ArticleAddress.Read(slug, pagePath, commentPage) is not { } address)
        {
            return NotFound();
        }
        commentPage = address.CommentPage;
        var tail = commentPage is { } number ? string.Create(CultureInfo.InvariantCulture, $"comment-page-{number}/") : "";
        var article = await LoadAsync(address.Slug, address.IsPage, cancellationToken);
        if (article is null && await MovedAsync(address.Slug, address.IsPage, cancellationToken) is { } moved && moved.IsPublished(clock.UtcNow))
        {
            return RedirectPermanent(permalinks.For(moved) + tail + Request.QueryString);
        }
        if (article is null || !article.IsPublished(clock.UtcNow))
        {
            return NotFound();
        }
        var canonical = permalinks.For(article);
        if (Request.Path.Value != Uri.UnescapeDataString(canonical + tail))
        {
            return RedirectPermanent(canonical + tail + Request.QueryString);
        }
        var pageCount = await pages.CountAsync(article.Id, PerPage, cancellationToken);
        // The newest page is the article's own address, and a page number past the end (a
        // WordPress-era link, from a site with smaller pages) still finds the comments. Not a 301:
        // as the thread grows, that number becomes a real older page.
        if (commentPage >= pageCount)
        {
            return Redirect(canonical + "#comments");
        }
        var page = commentPage ?? pageCount;
        var replyTo = replytocom is { } id && await IsApprovedHereAsync(article.Id, id, cancellationToken) ? replytocom : null;
        if (replyTo is { } parentId && await pages.PageOfAsync(article.Id, parentId, PerPage, cancellationToken) is { } holding && holding != page)
        {
            return Redirect(permalinks.ForCommentPage(article, holding, pageCount)
                + string.Create(CultureInfo.InvariantCulture, $"?replytocom={parentId}#respond"));
        }
        var form = new CommentForm();
        if (cookies.Read(HttpContext) is { } remembered)
        {
            (form.Author, form.Email, form.Url, form.Remember) = (remembered.Name, remembered.Email, remembered.Url, true);
        }
        await ShowAsync(article, form, page, pageCount, cancellationToken);
        if (replyTo is { } shownParent)
        {
            form.Parent = shownParent.ToString(CultureInfo.InvariantCulture);
            Form = Form with { ReplyingTo = await NameOfAsync(shownParent, cancellationToken) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, string? pagePath, int? commentPage, [FromForm] CommentForm form,
        [FromServices] CommentIntake intake, CancellationToken cancellationToken)
    {
        if (ArticleAddress.Read(slug, pagePath, commentPage) is not { } address)
        {
            return NotFound();
        }
        commentPage = address.CommentPage;
        var article = await LoadAsync(address.Slug, address.IsPage, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!article.IsPublished(clock.UtcNow))
        {
            return StatusPage.Show(this, StatusCodes.Status403Forbidden, CommentMessages.CommentsNotAllowed);
        }
        var sender = new CommentIntake.Sender(HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.Headers.UserAgent.ToString(), CommenterCookies.EnsureBrowserToken(HttpContext));
        var outcome = await intake.PostAsync(article, form, sender, cancellationToken);
        if (outcome is CommentOutcome.Accepted { Comment: var comment })
        {
            RememberCommenter(form);
            Response.Headers.Location = await LandingOfAsync(article, comment, cancellationToken);
            return new StatusCodeResult(StatusCodes.Status303SeeOther);
        }
        var pageCount = await pages.CountAsync(article.Id, PerPage, cancellationToken);
        await ShowAsync(article, form, Math.Min(commentPage ?? pageCount, pageCount), pageCount, cancellationToken);
        switch (outcome)
        {
            case CommentOutcome.Invalid invalid:
                Form = Form with { Errors = invalid.Errors };
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case CommentOutcome.Refused refused:
                Form = Form with { Message = refused.Message };
                Response.StatusCode = refused.StatusCode;
                if (refused.RetryAfter is { } wait)
                {
                    Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                break;
        }
        return Page();
    }

    // Only pages answer at an address outside the dated ones.
    private Task<Article?> LoadAsync(string slug, bool pagesOnly, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking()
            .Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .Include(a => a.SecondaryCategories.OrderBy(c => c.Name)).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Slug == slug && (!pagesOnly || a.Kind == ArticleKind.Page), cancellationToken);

    // An article whose slug an editor changed after publication keeps its old address (OldSlug).
    private Task<Article?> MovedAsync(string slug, bool pagesOnly, CancellationToken cancellationToken) =>
        db.Set<OldSlug>().Where(o => o.Slug == slug).Select(o => o.Article).Where(a => !pagesOnly || a.Kind == ArticleKind.Page)
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    // The page of the thread that holds the new comment, at its anchor.
    private async Task<string> LandingOfAsync(Article article, Comment comment, CancellationToken cancellationToken)
    {
        if (await pages.PageOfAsync(article.Id, comment.Id, PerPage, cancellationToken) is not { } page)
        {
            return permalinks.For(article);
        }
        var pageCount = await pages.CountAsync(article.Id, PerPage, cancellationToken);
        return permalinks.ForCommentPage(article, page, pageCount) + string.Create(CultureInfo.InvariantCulture, $"#comment-{comment.Id}");
    }

    private async Task ShowAsync(Article article, CommentForm form, int page, int pageCount, CancellationToken cancellationToken)
    {
        // Approved comments for everyone, plus this browser's own comments awaiting moderation.
        var shown = await pages.LoadAsync(article.Id, page, pageCount, PerPage, CommenterCookies.BrowserTokenHash(HttpContext), cancellationToken);
        Article = article;
        Caching.CacheTags.Tag(HttpContext, Caching.CacheTags.Article(article.Id));
        FeaturedImage = article.FeaturedMediaId is { } mediaId
            ? await db.Set<Media.MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken) : null;
        Permalink = permalinks.For(article);
        CommentPage = shown;
        Thread = CommentThread.Build(shown.Comments, ThreadDepth);
        ApprovedComments = [.. shown.Comments.Where(c => c.IsApproved)];
        ApprovedCount = await db.Comments.CountAsync(c => c.ArticleId == article.Id && c.Status == CommentStatus.Approved, cancellationToken);
        Related = await related.ForAsync(article, cancellationToken);
        var action = permalinks.ForCommentPage(article, page, pageCount);
        Form = new CommentFormView(form, action, article.AcceptsComments(clock.UtcNow, commentOptions.Value.CloseAfterDays));
        ViewData["Title"] = page < pageCount
            ? string.Create(CultureInfo.InvariantCulture, $"{article.Title} – comments page {page}") : article.Title;
        ViewData["Description"] = article.Excerpt;
    }

    public string CommentPageUrl(int page) => permalinks.ForCommentPage(Article, page, CommentPage.Count);

    private Task<bool> IsApprovedHereAsync(int articleId, int commentId, CancellationToken cancellationToken) =>
        db.Comments.AnyAsync(c => c.Id == commentId && c.ArticleId == articleId && c.Status == CommentStatus.Approved,
            cancellationToken);

    private Task<string> NameOfAsync(int commentId, CancellationToken cancellationToken) =>
        db.Comments.Where(c => c.Id == commentId).Select(c => c.AuthorName).FirstAsync(cancellationToken);

    // Only a ticked box keeps the details; an unticked one forgets what an earlier visit kept.
    private void RememberCommenter(CommentForm form)
    {
        if (form.Remember)
        {
            cookies.Remember(HttpContext, new CommenterCookies.Remembered(form.TrimmedAuthor, form.NormalizedEmail, form.TrimmedUrl));
        }
        else
        {
            CommenterCookies.Forget(HttpContext);
        }
    }
}
