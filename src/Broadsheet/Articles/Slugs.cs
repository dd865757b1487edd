using System.Globalization;
using System.Text;

namespace Broadsheet.Articles;

// Slugs are the public part of every permalink and archive URL: lower-case, culture-invariant,
// hyphen-separated. Letters of any script are kept (as WordPress does), accents are folded.
public static class Slugs
{
    public const int MaxLength = 200;

    public static string From(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }
                slug.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else if (c != '\'' && c != '’')
            {
                pendingHyphen = true;
            }
        }
        var result = slug.ToString().Normalize(NormalizationForm.FormC);
        return result.Length <= MaxLength ? result : result[..MaxLength].TrimEnd('-');
    }

    // "slug", "slug-2", "slug-3", … until one is free.
    public static async Task<string> UniqueAsync(string baseSlug, Func<string, Task<bool>> isTaken)
    {
        var candidate = baseSlug.Length == 0 ? "untitled" : baseSlug;
        var root = candidate;
        for (var n = 2; await isTaken(candidate); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $"-{n}");
            candidate = root[..Math.Min(root.Length, MaxLength - suffix.Length)] + suffix;
        }
        return candidate;
    }
}
