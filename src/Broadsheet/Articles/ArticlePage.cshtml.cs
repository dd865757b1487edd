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
// back to the permalink itself, because a refused comment must re-render this very page, with
// the message beside the field and what the reader typed still in place.
public sealed class ArticlePage(
    BroadsheetDb db, SiteClock clock, Permalinks permalinks, CommenterCookies cookies, IOptions<CommentOptions> commentOptions,
    RelatedArticles related)
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

    public async Task<IActionResult> OnGetAsync(string slug, int? replytocom, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(slug, cancellationToken);
        if (article is null && await MovedAsync(slug, cancellationToken) is { } moved && moved.IsPublished(clock.UtcNow))
        {
            return RedirectPermanent(permalinks.For(moved) + Request.QueryString);
        }
        if (article is null || !article.IsPublished(clock.UtcNow))
        {
            return NotFound();
        }
        var canonical = permalinks.For(article);
        if (Request.Path.Value != Uri.UnescapeDataString(canonical))
        {
            return RedirectPermanent(canonical + Request.QueryString);
        }
        var form = new CommentForm();
        if (cookies.Read(HttpContext) is { } remembered)
        {
            (form.Author, form.Email, form.Url, form.Remember) = (remembered.Name, remembered.Email, remembered.Url, true);
        }
        await ShowAsync(article, form, cancellationToken);
        if (replytocom is { } parentId && Thread.Count > 0 && await IsApprovedHereAsync(parentId, cancellationToken))
        {
            form.Parent = parentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Form = Form with { ReplyingTo = await NameOfAsync(parentId, cancellationToken) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, [FromForm] CommentForm form,
        [FromServices] CommentIntake intake, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(slug, cancellationToken);
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
            Response.Headers.Location = comment.Status == CommentStatus.Spam
                ? permalinks.For(article) : permalinks.ForComment(article, comment.Id);
            return new StatusCodeResult(StatusCodes.Status303SeeOther);
        }
        await ShowAsync(article, form, cancellationToken);
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

    private Task<Article?> LoadAsync(string slug, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking()
            .Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);

    // An article whose slug an editor changed after publication keeps its old address (OldSlug).
    private Task<Article?> MovedAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<OldSlug>().Where(o => o.Slug == slug).Select(o => o.Article).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    private async Task ShowAsync(Article article, CommentForm form, CancellationToken cancellationToken)
    {
        var browser = CommenterCookies.BrowserTokenHash(HttpContext);
        // Approved comments for everyone, plus this browser's own comments awaiting moderation.
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == article.Id
                && (c.Status == CommentStatus.Approved
                    || (browser != null && c.Status == CommentStatus.Pending && c.BrowserTokenHash == browser)))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        Article = article;
        Caching.CacheTags.Tag(HttpContext, Caching.CacheTags.Article(article.Id));
        FeaturedImage = article.FeaturedMediaId is { } mediaId
            ? await db.Set<Media.MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken) : null;
        Permalink = permalinks.For(article);
        Thread = CommentThread.Build(comments, ThreadDepth);
        ApprovedComments = [.. comments.Where(c => c.IsApproved)];
        ApprovedCount = ApprovedComments.Count;
        Related = await related.ForAsync(article, cancellationToken);
        Form = new CommentFormView(form, Permalink, article.AcceptsComments(clock.UtcNow, commentOptions.Value.CloseAfterDays));
        ViewData["Title"] = article.Title;
        ViewData["Description"] = article.Excerpt;
    }

    private Task<bool> IsApprovedHereAsync(int commentId, CancellationToken cancellationToken) =>
        db.Comments.AnyAsync(c => c.Id == commentId && c.ArticleId == Article.Id && c.Status == CommentStatus.Approved,
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
