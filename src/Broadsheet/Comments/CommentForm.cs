using System.Text;
using System.Text.RegularExpressions;

namespace Broadsheet.Comments;

// The comment form exactly as readers post it. Field names are WordPress's (comment, author,
// email, url, parent), so themes, scripts and habits carry over. Validation answers with the
// same messages as the page's script, one per field, in the form's order.
public sealed partial class CommentForm
{
    public string? Comment { get; set; }
    public string? Author { get; set; }
    public string? Email { get; set; }
    public string? Url { get; set; }
    public string? Parent { get; set; }
    public bool Remember { get; set; }

    // Honeypot: hidden from people by the stylesheet, so only robots fill it in.
    public string? Homepage { get; set; }

    // Shared with the page's script through a data attribute: keep it valid in both dialects.
    public const string EmailPattern =
        @"^[^\s@<>()\[\],;:""]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$";

    public string TrimmedComment => (Comment ?? "").Trim();
    public string TrimmedAuthor => (Author ?? "").Trim();
    public string NormalizedEmail => (Email ?? "").Trim().ToLowerInvariant();
    public string? TrimmedUrl => string.IsNullOrWhiteSpace(Url) ? null : Url.Trim();
    public bool IsRobot => !string.IsNullOrEmpty(Homepage);

    // The posted fields as MVC's model binding would set them (first value of each field, blank
    // as null, "true" ticks the box), without its cost on every post.
    // Null when the body is a form that cannot be read (over the form limits, or cut short); a body
    // that is no form at all posts nothing, and is answered as an empty form.
    public static async Task<CommentForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return Read(request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static CommentForm Read(IFormCollection fields) => new()
    {
        Comment = Field(fields, "comment"),
        Author = Field(fields, "author"),
        Email = Field(fields, "email"),
        Url = Field(fields, "url"),
        Parent = Field(fields, "parent"),
        Remember = bool.TryParse(Field(fields, "remember"), out var remember) && remember,
        Homepage = Field(fields, "homepage"),
    };

    private static string? Field(IFormCollection fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        Check(errors, "comment", TrimmedComment, CommentLimits.ContentLength, CommentMessages.CommentRequired, CommentMessages.CommentTooLong, multiline: true);
        Check(errors, "author", TrimmedAuthor, CommentLimits.NameLength, CommentMessages.NameRequired, CommentMessages.NameTooLong);
        if (Check(errors, "email", NormalizedEmail, CommentLimits.EmailLength, CommentMessages.EmailRequired, CommentMessages.EmailTooLong)
            && !EmailRegex().IsMatch(NormalizedEmail))
        {
            errors["email"] = CommentMessages.EmailInvalid;
        }
        if (TrimmedUrl is { } url
            && Check(errors, "url", url, CommentLimits.UrlLength, required: null, CommentMessages.UrlTooLong)
            && !IsWebAddress(url))
        {
            errors["url"] = CommentMessages.UrlInvalid;
        }
        if (!string.IsNullOrEmpty(Parent) && Parent != "0" && ParentId is null)
        {
            errors["parent"] = CommentMessages.ParentNotFound;
        }
        return errors;
    }

    public int? ParentId =>
        string.IsNullOrEmpty(Parent) || Parent == "0" ? null
        : int.TryParse(Parent, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id
        : null;

    // Returns true when the value is present and acceptable so far.
    private static bool Check(Dictionary<string, string> errors, string field, string value, int maxLength,
        string? required, string tooLong, bool multiline = false)
    {
        if (value.Length == 0)
        {
            if (required is not null)
            {
                errors[field] = required;
            }
            return false;
        }
        var length = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            length++;
            // EnumerateRunes turns invalid UTF-16 into U+FFFD, as the form reader does with invalid UTF-8.
            if (rune == Rune.ReplacementChar || (Rune.IsControl(rune) && !(multiline && IsLineOrTab(rune))))
            {
                errors[field] = CommentMessages.UnreadableText;
                return false;
            }
        }
        if (length > maxLength)
        {
            errors[field] = tooLong;
            return false;
        }
        return true;
    }

    private static bool IsLineOrTab(Rune rune) => rune.Value is '\n' or '\r' or '\t';

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    [GeneratedRegex(EmailPattern, RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();
}
