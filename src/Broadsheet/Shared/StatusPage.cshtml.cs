using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broadsheet.Shared;

// The page behind every error status (404, 400 from a missing antiforgery token, …): the status
// code pages middleware re-executes the request here, so readers get words, not a blank page.
// A handler can leave a precise message in HttpContext.Items before answering with a bare status.
[IgnoreAntiforgeryToken]
public sealed class StatusPage : PageModel
{
    private const string MessageKey = "Broadsheet.StatusMessage";

    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public static IActionResult Show(PageModel page, int statusCode, string message)
    {
        SetMessage(page.HttpContext, message);
        return page.StatusCode(statusCode);
    }

    public static void SetMessage(HttpContext context, string message) => context.Items[MessageKey] = message;

    // The code comes from the route only: a re-executed POST may carry a form that cannot be read.
    public void OnGet([FromRoute] int code) => Describe(code);

    public void OnPost([FromRoute] int code) => Describe(code);

    private void Describe(int code)
    {
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode;
        var status = original ?? (code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound);
        Response.StatusCode = status;
        (Heading, Explanation) = status switch
        {
            404 => ("Page not found", "Sorry, there is nothing at this address. It may have moved, or the link may be mistyped."),
            400 => ("Your request could not be accepted",
                "If you were sending a form, it may have expired or come from another site. Go back, reload the page and try again."),
            403 => ("Not allowed", "Sorry, this action is not allowed here."),
            405 => ("Not allowed", "This address does not accept that kind of request."),
            413 => ("Too large", "What you sent is larger than this site accepts."),
            415 => ("Unsupported format", "This address only accepts forms sent from its own pages."),
            429 => ("Too many requests", "You are sending requests too quickly. Please wait a moment and try again."),
            >= 500 => ("Something went wrong on our side", "Sorry, the page could not be shown. Please try again in a moment."),
            _ => ("Request not accepted", "Sorry, this request could not be handled."),
        };
        if (HttpContext.Items[MessageKey] is string message)
        {
            Explanation = message;
        }
    }
}
