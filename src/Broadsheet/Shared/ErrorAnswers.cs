using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace Broadsheet.Shared;

// What a reader gets when a request fails with an exception. These pages are plain and
// self-contained on purpose: the usual layout reads the database, and the database being away is
// one of the failures they must report (503 with Retry-After, "nothing was saved, try again").
internal static class ErrorAnswers
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, heading, explanation) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Your request could not be accepted", "Please check what you sent and try again."),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Your request could not be accepted", "What you sent could not be read. Please try again."),
            _ when error is not null && DatabaseOutage.IsOutage(error) => (StatusCodes.Status503ServiceUnavailable, "Briefly unavailable",
                "The site cannot reach its database just now. Nothing you sent was saved: please try again in a moment."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side", "Sorry, the page could not be shown. Please try again in a moment."),
        };
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "30";
        }
        await WritePageAsync(context, heading, explanation, context.RequestAborted);
    }

    // The plain page itself, for other answers that must not depend on the database (429).
    public static Task WritePageAsync(HttpContext context, string heading, string explanation, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(heading)}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><section class="status-page"><h1>{WebUtility.HtmlEncode(heading)}</h1>
            <p>{WebUtility.HtmlEncode(explanation)}</p><p><a href="/">Go to the front page</a></p></section></main></body></html>
            """, cancellationToken);
    }
}
