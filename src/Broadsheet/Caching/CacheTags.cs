using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Broadsheet.Caching;

// The tags cached pages carry, so that a change evicts exactly the pages that show it. Evicting
// a tag costs in proportion to the pages cached under it, never to the size of the site.
public static class CacheTags
{
    // Every list of articles (home, archives): they show titles, excerpts and comment counts.
    public const string Lists = "lists";

    public static string Article(int articleId) => string.Create(CultureInfo.InvariantCulture, $"article:{articleId}");

    // Called by a page while it renders, for tags only it knows (which article it shows).
    public static void Tag(HttpContext context, string tag) =>
        context.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(tag);
}
