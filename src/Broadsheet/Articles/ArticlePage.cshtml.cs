using System.Globalization;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Search;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Articles;

// The article page at its permalink, with its comment thread and form. The comment form posts
// back to the page's own address, because a refused comment must re-render this very page, with
// the message beside the field and what the reader typed still in place.
// The antiforgery token is checked here rather than by the framework's filter, so that a post
// without a valid one (no JavaScript to fetch it, or an expired one) is not a dead end: the form
// comes back with the text kept and a fresh token. Nothing is stored without a valid token.
[IgnoreAntiforgeryToken]
public sealed class ArticlePage(
    BroadsheetDb db, SiteClock clock, Permalinks permalinks, CommenterCookies cookies, IOptions<CommentOptions> commentOptions,
    RelatedArticles related, CommentPages pages, IAntiforgery antiforgery)
    : PageModel
{
    public Article Article { get; private set; } = null!;
    public string Permalink { get; private set; } = "";
    public IReadOnlyList<CommentNode> Thread { get; private set; } = [];
    public int ApprovedCount { get; private set; }
    public IReadOnlyList<Comment> ApprovedComments { get; private set; } = [];
    public RelatedReading Related { get; private set; } = new([], null, null);
    public CommentFormView Form { get; private set; } = null!;
    // Read once per request: the options are the editors' settings, and the thread asks per comment.
    public int ThreadDepth => _threadDepth ??= commentOptions.Value.ThreadDepth;
    private int? _threadDepth;
    public Media.MediaItem? FeaturedImage { get; private set; }
    public CommentPages.Page CommentPage { get; private set; } = new(1, 1, []);
    private int PerPage => commentOptions.Value.CommentsPerPage;

    // No parameters to bind, as for a post (below): model binding made a value provider for the
    // form, route and query on every view and looked each name up in all three. The address comes
    // from the route alone and replytocom from the query string, as WordPress's links give it.
    public Task<IActionResult> OnGetAsync()
    {
        var route = RouteData.Values;
        var replytocom = Request.Query["replytocom"] is [var asked, ..]
            && int.TryParse(asked, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
        return GetAsync(route["slug"] as string, route["pagePath"] as string, CommentPageIn(route), replytocom, HttpContext.RequestAborted);
    }

    private static int? CommentPageIn(RouteValueDictionary route) =>
        int.TryParse(route["commentPage"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private async Task<IActionResult> GetAsync(string? slug, string? pagePath, int? commentPage, int? replytocom, CancellationToken cancellationToken)
    {
        if (ArticleAddress.Read(slug, pagePath, commentPage) is not { } address)
        {
            return NotFound();
        }
        commentPage = address.CommentPage;
        var tail = commentPage is { } number ? string.Create(CultureInfo.InvariantCulture, $"comment-page-{number}/") : "";
        await PageReads.HoldConnectionAsync(db, cancellationToken);
        var read = await LoadAsync(address.Slug, address.IsPage, cancellationToken);
        var article = read?.Article;
        if (article is null && await MovedAsync(address.Slug, address.IsPage, cancellationToken) is { } moved && moved.IsPublished(clock.UtcNow))
        {
            return RedirectPermanent(permalinks.For(moved) + tail + Request.QueryString);
        }
        if (read is null || article is null || !article.IsPublished(clock.UtcNow))
        {
            return NotFound();
        }
        var canonical = permalinks.For(article);
        if (Request.Path.Value != Uri.UnescapeDataString(canonical + tail))
        {
            return RedirectPermanent(canonical + tail + Request.QueryString);
        }
        var thread = new CommentPages.Thread(read.ThreadRoots, PerPage);
        var pageCount = thread.PageCount;
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
        await ShowAsync(read, form, page, thread, cancellationToken);
        if (replyTo is { } shownParent)
        {
            form.Parent = shownParent.ToString(CultureInfo.InvariantCulture);
            Form = Form with { ReplyingTo = await NameOfAsync(shownParent, cancellationToken) };
        }
        return Page();
    }

    // No parameters to bind: MVC's model binding (value providers for the form, route and query,
    // then the form's fields one by one) cost more than the rest of the request's own work for a
    // post. The address comes from the route alone and the fields from the form (CommentForm.Read).
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await CommentForm.ReadAsync(Request, cancellationToken) is not { } form)
        {
            return StatusPage.Show(this, StatusCodes.Status400BadRequest, CommentMessages.FormUnreadable);
        }
        var intake = HttpContext.RequestServices.GetRequiredService<CommentIntake>();
        var route = RouteData.Values;
        var slug = route["slug"] as string;
        var pagePath = route["pagePath"] as string;
        var commentPage = CommentPageIn(route);
        try
        {
            return await PostCommentAsync(slug, pagePath, commentPage, form, intake, cancellationToken);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // Nothing was stored (the intake writes in one transaction): the reader gets the words back.
            return new CommentNotSaved(form);
        }
    }

    private async Task<IActionResult> PostCommentAsync(string? slug, string? pagePath, int? commentPage, CommentForm form,
        CommentIntake intake, CancellationToken cancellationToken)
    {
        if (ArticleAddress.Read(slug, pagePath, commentPage) is not { } address)
        {
            return NotFound();
        }
        commentPage = address.CommentPage;
        var article = await PostedArticle.ReadAsync(db, address.Slug, address.IsPage, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }
        if (!article.IsPublished(clock.UtcNow))
        {
            return StatusPage.Show(this, StatusCodes.Status403Forbidden, CommentMessages.CommentsNotAllowed);
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            await ShowAgainAsync(article, form, commentPage, StatusCodes.Status400BadRequest, CommentMessages.SendAgain, cancellationToken);
            return Page();
        }
        var sender = new CommentIntake.Sender(HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.Headers.UserAgent.ToString(), CommenterCookies.EnsureBrowserToken(HttpContext));
        var outcome = await intake.PostAsync(article, form, sender, cancellationToken);
        if (outcome is CommentOutcome.Accepted { Comment: var comment })
        {
            RememberCommenter(form);
            // The comment is stored: should the database go away this instant, the article will do.
            Response.Headers.Location = await DatabaseOutage.OrNullWhileAwayAsync<string>(async () => await LandingOfAsync(article, comment, cancellationToken))
                ?? permalinks.For(article) + "#comments";
            // Not a StatusCodeResult: it makes itself a logger on every answer, a cost on every post.
            Response.StatusCode = StatusCodes.Status303SeeOther;
            return new EmptyResult();
        }
        switch (outcome)
        {
            case CommentOutcome.Invalid invalid:
                await ShowAgainAsync(article, form, commentPage, StatusCodes.Status422UnprocessableEntity, null, cancellationToken);
                Form = Form with { Errors = invalid.Errors };
                break;
            case CommentOutcome.Refused refused:
                await ShowAgainAsync(article, form, commentPage, refused.StatusCode, refused.Message, cancellationToken);
                if (refused.RetryAfter is { } wait)
                {
                    Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                break;
        }
        return Page();
    }

    // The page again after a post, with what the reader typed and a token of their own (answers to
    // a post are never cached), so that a reader without JavaScript can simply send it again.
    private async Task ShowAgainAsync(Article article, CommentForm form, int? commentPage, int status, string? message,
        CancellationToken cancellationToken)
    {
        // The post read only the article's row; the page shows its byline, section and tags too.
        var read = await LoadAsync(article.Slug, pagesOnly: false, cancellationToken)
            ?? new ArticleRead(article, 0, 0); // deleted this instant: so is its thread
        var thread = new CommentPages.Thread(read.ThreadRoots, PerPage);
        await ShowAsync(read, form, Math.Min(commentPage ?? thread.PageCount, thread.PageCount), thread, cancellationToken);
        Form = Form with { Message = message, Token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken };
        Response.StatusCode = status;
    }

    private Task<ArticleRead?> LoadAsync(string slug, bool pagesOnly, CancellationToken cancellationToken) =>
        ArticlePageQueries.ReadAsync(db, slug, pagesOnly, cancellationToken);

    // An article whose slug an editor changed after publication keeps its old address (OldSlug).
    private Task<Article?> MovedAsync(string slug, bool pagesOnly, CancellationToken cancellationToken) =>
        db.Set<OldSlug>().Where(o => o.Slug == slug).Select(o => o.Article).Where(a => !pagesOnly || a.Kind == ArticleKind.Page)
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    // The page of the thread that holds the new comment, at its anchor.
    private async Task<string> LandingOfAsync(Article article, Comment comment, CancellationToken cancellationToken)
    {
        // A new top-level comment is the newest root of its thread, so it is on the last page, which
        // is the article's own address; spam and trash are shown nowhere.
        if (comment.ParentId is null)
        {
            return comment.Status is CommentStatus.Approved or CommentStatus.Pending
                ? permalinks.For(article) + string.Create(CultureInfo.InvariantCulture, $"#comment-{comment.Id}")
                : permalinks.For(article);
        }
        if (await pages.PageOfAsync(article.Id, comment.Id, PerPage, cancellationToken) is not { } page)
        {
            return permalinks.For(article);
        }
        var pageCount = await pages.CountAsync(article.Id, PerPage, cancellationToken);
        return permalinks.ForCommentPage(article, page, pageCount) + string.Create(CultureInfo.InvariantCulture, $"#comment-{comment.Id}");
    }

    private async Task ShowAsync(ArticleRead read, CommentForm form, int page, CommentPages.Thread thread, CancellationToken cancellationToken)
    {
        var article = read.Article;
        var pageCount = thread.PageCount;
        // Approved comments for everyone, plus this browser's own comments awaiting moderation.
        var shown = await pages.LoadAsync(article.Id, page, thread, CommenterCookies.BrowserTokenHash(HttpContext), cancellationToken);
        Article = article;
        Caching.CacheTags.Tag(HttpContext, Caching.CacheTags.Article(article.Id));
        FeaturedImage = article.FeaturedMediaId is { } mediaId
            ? await db.Set<Media.MediaItem>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken) : null;
        Permalink = permalinks.For(article);
        CommentPage = shown;
        Thread = CommentThread.Build(shown.Comments, ThreadDepth);
        ApprovedComments = [.. shown.Comments.Where(c => c.IsApproved)];
        ApprovedCount = read.ApprovedComments;
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
