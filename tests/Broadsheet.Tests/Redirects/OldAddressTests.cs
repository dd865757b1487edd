using System.Net;
using Broadsheet.Articles;
using Broadsheet.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Redirects;

// An old address is asked after the output cache (LegacyRedirects), so an old address stored at
// the address of a page already cached must evict that page, or readers would go on getting it.
public sealed class OldAddressTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_old_address_stored_at_a_cached_pages_address_redirects_at_once()
    {
        using var app = new BroadsheetApp();
        var reader = app.CreateReader();
        var articles = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.Kind == ArticleKind.Post)
            .OrderBy(a => a.Id).Take(2).ToListAsync(Cancel));
        var permalinks = app.Services.GetRequiredService<Permalinks>();
        var (shadowed, target) = (permalinks.For(articles[0]), permalinks.For(articles[1]));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(shadowed, UriKind.Relative), Cancel)).StatusCode);
        }

        await app.WithDbAsync(db =>
        {
            db.LegacyUrls.Add(new LegacyUrl { Path = Uri.UnescapeDataString(shadowed), Target = LegacyTarget.Article, TargetId = articles[1].Id });
            return db.SaveChangesAsync(Cancel);
        });
        var page = await app.CreateReader().GetAsync(new Uri(shadowed, UriKind.Relative), Cancel);
        var commentPage = await app.CreateReader().GetAsync(new Uri(shadowed + "comment-page-1/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal(target, page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, commentPage.StatusCode);
        Assert.Equal(target + "comment-page-1/", commentPage.Headers.Location!.OriginalString);
    }
}
