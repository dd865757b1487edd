namespace Broadsheet.Comments;

// WordPress's limits, counted in characters (Unicode code points), never truncated.
public static class CommentLimits
{
    public const int ContentLength = 65_525;
    public const int NameLength = 245;
    public const int EmailLength = 100;
    public const int UrlLength = 200;
}
