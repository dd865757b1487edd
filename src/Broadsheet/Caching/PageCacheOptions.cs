using System.ComponentModel.DataAnnotations;

namespace Broadsheet.Caching;

// Operator settings of the "Caching" section: how long reader pages live in the output cache and
// in the caches in front of it (a CDN, a proxy, the reader's browser), and how much memory the
// output cache may hold.
public sealed class PageCacheOptions
{
    public const string Section = "Caching";

    // In the output cache and in shared caches (s-maxage): a bound on anything eviction did not
    // foresee. A CDN purged by tag (docs/deploy.md) may be given longer with its own rules.
    [Range(1, 86_400)]
    public int PageSeconds { get; set; } = 120;

    // Browsers (max-age). Short: a reader who reloads must soon see new comments without a CDN purge.
    [Range(0, 86_400)]
    public int BrowserSeconds { get; set; } = 30;

    // A shared cache may answer this long past freshness while it fetches the page again.
    [Range(0, 86_400)]
    public int StaleWhileRevalidateSeconds { get; set; } = 60;

    // ... and this long when the site fails (5xx or unreachable): readers keep reading.
    [Range(0, 7 * 86_400)]
    public int StaleIfErrorSeconds { get; set; } = 86_400;

    // Memory the output cache may hold (least recently used pages go first). An article page with
    // 50 comments is 60-90 KB per encoding (10-20 KB compressed): 64 MB holds a few thousand pages.
    [Range(1, 4_096)]
    public int SizeLimitMegabytes { get; set; } = 64;

    public string SharedCacheControl =>
        $"public, max-age={BrowserSeconds}, s-maxage={PageSeconds}, stale-while-revalidate={StaleWhileRevalidateSeconds}, stale-if-error={StaleIfErrorSeconds}";
}
