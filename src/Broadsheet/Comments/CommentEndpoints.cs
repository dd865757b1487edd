using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Comments are posted through the article page's form (see ArticlePage.OnPostAsync). Beside the
// rules that page relies on, one address per comment: /comment/{id}/ leads to the page of its
// thread that shows it (long threads are paged), so feeds and notifications can link to any one;
// and /comment-token/, where the form gets the reader's antiforgery token (cached pages carry none).
public static class CommentEndpoints
{
    public const string TokenAddress = "/comment-token/";

    public sealed record TokenAnswer(string Token);

    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CommentOptions>().BindConfiguration(CommentOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Moderation>();
        builder.Services.AddScoped<CommentIntake>();
        builder.Services.AddSingleton<CommentWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CommentWriter>());
        builder.Services.AddScoped<CommentPages>();
        builder.Services.AddSingleton<CommenterCookies>();
        return builder;
    }

    public static WebApplication MapComments(this WebApplication app)
    {
        app.MapGet("/comment/{id:int}/", async Task<IResult> (int id, BroadsheetDb db, CommentPages pages, Permalinks permalinks,
            SiteClock clock, IOptions<CommentOptions> options, CancellationToken cancellationToken) =>
        {
            var article = await db.Comments.Where(c => c.Id == id && c.Status == CommentStatus.Approved)
                .Select(c => c.Article).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (article is null || !article.IsPublished(clock.UtcNow))
            {
                return TypedResults.NotFound();
            }
            var perPage = options.Value.CommentsPerPage;
            var page = await pages.PageOfAsync(article.Id, id, perPage, cancellationToken) ?? 1;
            var pageCount = await pages.CountAsync(article.Id, perPage, cancellationToken);
            return TypedResults.Redirect(permalinks.ForCommentPage(article, page, pageCount) + string.Create(CultureInfo.InvariantCulture, $"#comment-{id}"));
        });
        // Never cached anywhere: the token belongs to this browser's antiforgery cookie, which this
        // answer sets when the browser has none. Other sites cannot read it (no CORS headers).
        app.MapGet(TokenAddress, (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new TokenAnswer(tokens.RequestToken ?? ""));
        });
        return app;
    }
}
