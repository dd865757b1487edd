using System.Globalization;
using System.Text;

namespace Broadsheet.Import;

// Rebuilds the address WordPress gave a post from its permalink structure, with the tags of
// WordPress's Settings → Permalinks: %year% %monthnum% %day% %hour% %minute% %second%
// %postname% %post_id% %category% %author%. Dates are the site's local time, as in WordPress.
public static class OldPermalinks
{
    public static string Expand(string structure, DateTime local, string postName, int postId, string categoryPath, string authorSlug)
    {
        var path = new StringBuilder(structure)
            .Replace("%year%", local.ToString("yyyy", CultureInfo.InvariantCulture))
            .Replace("%monthnum%", local.ToString("MM", CultureInfo.InvariantCulture))
            .Replace("%day%", local.ToString("dd", CultureInfo.InvariantCulture))
            .Replace("%hour%", local.ToString("HH", CultureInfo.InvariantCulture))
            .Replace("%minute%", local.ToString("mm", CultureInfo.InvariantCulture))
            .Replace("%second%", local.ToString("ss", CultureInfo.InvariantCulture))
            .Replace("%postname%", postName)
            .Replace("%post_id%", postId.ToString(CultureInfo.InvariantCulture))
            .Replace("%category%", categoryPath)
            .Replace("%author%", authorSlug)
            .ToString();
        return Normalize(path);
    }

    // The form LegacyUrl.Path is stored and looked up in: unescaped, one leading and one trailing slash.
    public static string Normalize(string path)
    {
        var unescaped = Uri.UnescapeDataString(path.Split('?', '#')[0]);
        return "/" + unescaped.Trim('/') + (unescaped.Trim('/').Length > 0 ? "/" : "");
    }

    // The path of an absolute link from the export, or null when it is only a query (/?p=12).
    public static string? PathOf(string link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Query.Length > 0)
        {
            return null;
        }
        var path = Normalize(uri.AbsolutePath);
        return path == "/" ? null : path;
    }
}
