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
        await WritePageAsync(context, status, heading, $"<p>{WebUtility.HtmlEncode(explanation)}</p><p><a href=\"/\">Go to the front page</a></p>");
    }

    // One plain page; `bodyHtml` must already be encoded. A 503 says when to come back.
    public static async Task WritePageAsync(HttpContext context, int status, string heading, string bodyHtml)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(heading)}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main" class="wrap"><section class="status-page"><h1>{WebUtility.HtmlEncode(heading)}</h1>
            {bodyHtml}</section></main></body></html>
            """, context.RequestAborted);
    }
}
