using System.Text.RegularExpressions;

namespace Broadsheet.Comments;

// WordPress's comment rules, applied before the moderation policy: a disallowed word anywhere
// (text, name, email, website, IP; also in the text with tags stripped, so "v<b></b>iagra" does
// not slip through) makes the comment spam; a moderation word, or too many links, holds it.
public sealed partial record ModerationRules(IReadOnlyList<string> DisallowedWords, IReadOnlyList<string> ModerationWords, int HoldLinkCount)
{
    public static readonly ModerationRules None = new([], [], 0);

    public (CommentStatus Status, string Reason)? Check(CommentForm form, string? ipAddress)
    {
        string[] fields = [form.TrimmedComment, TagsStripped(form.TrimmedComment), form.TrimmedAuthor, form.NormalizedEmail,
            form.TrimmedUrl ?? "", ipAddress ?? ""];
        if (FirstMatch(DisallowedWords, fields) is { } disallowed)
        {
            return (CommentStatus.Spam, $"Contains a disallowed word: {disallowed}");
        }
        if (FirstMatch(ModerationWords, fields) is { } held)
        {
            return (CommentStatus.Pending, $"Contains a moderation word: {held}");
        }
        var links = WebAddress().Count(form.TrimmedComment);
        if (HoldLinkCount > 0 && links >= HoldLinkCount)
        {
            return (CommentStatus.Pending, $"Contains {links} links");
        }
        return null;
    }

    private static string TagsStripped(string text) => Tag().Replace(text, "");

    private static string? FirstMatch(IReadOnlyList<string> words, string[] fields) =>
        words.FirstOrDefault(word => fields.Any(field => field.Contains(word, StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();
}
