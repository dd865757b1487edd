using System.Net;
using System.Security.Cryptography;
using Broadsheet.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Broadsheet.Comments;

// The answer to a comment posted while the database is away: 503 with Retry-After, and the
// comment exactly as typed on a plain page (the usual page needs the database) in a form that
// sends it again, so the reader loses nothing. The form's antiforgery token needs no database:
// Data Protection keeps its key ring in memory. Should even that fail, the words stay to copy.
internal sealed class CommentNotSaved(CommentForm form) : IActionResult
{
    public const string Heading = "Your comment could not be saved just now";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var action = Encode((http.Request.PathBase + http.Request.Path).ToUriComponent());
        var token = RequestToken(http);
        var explanation = token is null
            ? "The site cannot reach its database for a moment, so your comment was not saved. Nothing you typed is lost: it is below. "
                + "Please copy it, and try again in a minute from the article."
            : "The site cannot reach its database for a moment, so your comment was not saved. Nothing you typed is lost: it is below. "
                + "Please try again in a minute with the button.";
        var fields = token is null
            ? $"""<p><textarea id="comment" name="comment" rows="8" readonly>{Encode(form.Comment)}</textarea></p>"""
            : $"""
              <form method="post" action="{action}#respond" id="commentform" class="comment-form">
              <p class="comment-form-comment"><label for="comment">Comment</label>
              <textarea id="comment" name="comment" rows="8" required>{Encode(form.Comment)}</textarea></p>
              <p class="comment-form-author"><label for="author">Name</label><input id="author" name="author" type="text" value="{Encode(form.Author)}"></p>
              <p class="comment-form-email"><label for="email">Email</label><input id="email" name="email" type="email" value="{Encode(form.Email)}"></p>
              <p class="comment-form-url"><label for="url">Website</label><input id="url" name="url" type="url" value="{Encode(form.Url)}"></p>
              <input type="hidden" name="parent" value="{Encode(form.Parent ?? "0")}">
              <input type="hidden" name="remember" value="{(form.Remember ? "true" : "false")}">
              <input type="hidden" name="homepage" value="{Encode(form.Homepage)}">
              <input type="hidden" name="__RequestVerificationToken" value="{Encode(token)}">
              <p class="form-submit"><button type="submit" id="submit">Send it again</button></p>
              </form>
              """;
        await ErrorAnswers.WritePageAsync(http, StatusCodes.Status503ServiceUnavailable, Heading,
            $"""<p role="alert">{Encode(explanation)}</p>{fields}<p><a href="{action}">Back to the article</a></p>""");
    }

    private static string? RequestToken(HttpContext http)
    {
        try
        {
            return http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken;
        }
        catch (Exception e) when (e is CryptographicException || DatabaseOutage.IsOutage(e))
        {
            return null;
        }
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
