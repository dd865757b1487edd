using System.Globalization;

namespace Broadsheet.Comments;

public static class CommentCounts
{
    public static string Phrase(int count) => count switch
    {
        0 => "No comments yet",
        1 => "1 comment",
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} comments"),
    };
}
