using System.Globalization;
using System.Text.RegularExpressions;

namespace Broadsheet.Articles;

// What an article page was asked for: a dated address gives the slug (and comment page) in its
// route; a page's nested address (/about/team/, /about/team/comment-page-2/) arrives whole, and
// its last segment is the page's slug (slugs are unique, so the rest is checked, not searched).
public sealed partial record ArticleAddress(string Slug, bool IsPage, int? CommentPage)
{
    public static ArticleAddress? Read(string? slug, string? pagePath, int? commentPage)
    {
        if (pagePath is null)
        {
            return slug is { Length: > 0 } ? new ArticleAddress(slug, false, commentPage) : null;
        }
        var segments = pagePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && CommentPageSegment().Match(segments[^1]) is { Success: true } page
            && int.TryParse(page.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return new ArticleAddress(segments[^2], true, number);
        }
        return segments.Length > 0 ? new ArticleAddress(segments[^1], true, null) : null;
    }

    [GeneratedRegex(@"^comment-page-([1-9]\d{0,8})$")]
    private static partial Regex CommentPageSegment();
}
