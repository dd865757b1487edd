using System.Net;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Caching;

// Anonymous reader pages come from the output cache; what changes shows at once anyway.
public class PageCacheTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> HtmlAsync(HttpClient client, string url) =>
        await (await client.GetAsync(new Uri(url, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

    // An article whose publication time comes ten minutes after the app's start, without any write then.
    private static async Task AddArticleDueInTenMinutesAsync(BroadsheetApp app, string title, string slug)
    {
        var template = await app.WithDbAsync(db => db.Articles.AsNoTracking().FirstAsync(Cancel));
        await app.WithDbAsync(async db =>
        {
            var due = BroadsheetApp.Start.UtcDateTime.AddMinutes(10);
            db.Articles.Add(new Article
            {
                Title = title, Slug = slug, BodyMarkdown = "x", BodyHtml = "<p>x</p>",
                Status = ArticleStatus.Published, PublishedAt = due, UpdatedAt = due, AuthorId = template.AuthorId, CategoryId = template.CategoryId,
            });
            return await db.SaveChangesAsync(Cancel);
        });
    }

    [Fact]
    public async Task With_the_cache_switched_off_every_anonymous_page_is_rendered_afresh_and_still_compressed()
    {
        using var app = new BroadsheetApp { Settings = { ["Caching:Enabled"] = "false" } };
        await AddArticleDueInTenMinutesAsync(app, "Uncached timed story", "uncached-timed-story");
        Assert.DoesNotContain("Uncached timed story", await HtmlAsync(app.CreateReader(), "/"), StringComparison.Ordinal);

        // No write evicts anything here: only a page rendered afresh can show the story once due.
        app.Time.Advance(TimeSpan.FromMinutes(11));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        var response = await app.CreateReader().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        Assert.Contains("Uncached timed story", await HtmlAsync(app.CreateReader(), "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_readers_share_one_cached_page_while_personal_requests_bypass_it()
    {
        using var app = new BroadsheetApp();
        await AddArticleDueInTenMinutesAsync(app, "Timed story appears", "timed-story");
        var reader = app.CreateReader();
        Assert.DoesNotContain("Timed story appears", await HtmlAsync(reader, "/"), StringComparison.Ordinal);

        // Its time comes without any write: the cached home page goes on showing what it showed,
        // while a reader with a personal cookie gets a freshly rendered page.
        app.Time.Advance(TimeSpan.FromMinutes(11));
        var personal = app.CreateReader();
        personal.DefaultRequestHeaders.Add("Cookie", $"{CommenterCookies.BrowserTokenCookie}=0123456789abcdef0123456789abcdef0123");

        Assert.DoesNotContain("Timed story appears", await HtmlAsync(app.CreateReader(), "/"), StringComparison.Ordinal);
        Assert.Contains("Timed story appears", await HtmlAsync(personal, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_comment_shows_to_everyone_at_once()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var stranger = app.CreateReader();
        var permalink = await stranger.FirstArticleAsync();
        var before = await HtmlAsync(stranger, permalink);
        var text = $"Fresh news {Guid.NewGuid():N}";

        var posted = await app.CreateReader().PostCommentAsync(permalink, Reader.ValidComment(text));
        var after = await HtmlAsync(stranger, permalink);
        var home = await HtmlAsync(stranger, "/");

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.DoesNotContain(text, before, StringComparison.Ordinal);
        Assert.Contains(text, after, StringComparison.Ordinal);
        Assert.Contains("1 comment", home, StringComparison.Ordinal);
    }

    // A comment held for moderation shows on no shared page (its author's pages bypass the
    // cache), so it evicts nothing: a flood of held or spam comments cannot keep pages uncached.
    [Fact]
    public async Task A_comment_held_for_moderation_leaves_the_cached_pages_in_place_until_it_is_approved()
    {
        using var app = new BroadsheetApp();
        await AddArticleDueInTenMinutesAsync(app, "Timed story behind a held comment", "timed-story-held-comment");
        var stranger = app.CreateReader();
        var permalink = await stranger.FirstArticleAsync();
        Assert.DoesNotContain("Timed story behind a held comment", await HtmlAsync(stranger, "/"), StringComparison.Ordinal);
        await HtmlAsync(stranger, permalink);
        var text = $"Held words {Guid.NewGuid():N}";

        // The story falls due without a write; only a page rendered afresh would show it.
        app.Time.Advance(TimeSpan.FromMinutes(11));
        var posted = await app.CreateReader().PostCommentAsync(permalink, Reader.ValidComment(text, "first.timer@example.org"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(CommentStatus.Pending,
            await app.WithDbAsync(db => db.Comments.Where(c => c.Content == text).Select(c => c.Status).SingleAsync(Cancel)));
        Assert.DoesNotContain("Timed story behind a held comment", await HtmlAsync(app.CreateReader(), "/"), StringComparison.Ordinal);
        Assert.DoesNotContain(text, await HtmlAsync(app.CreateReader(), permalink), StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var comment = await db.Comments.SingleAsync(c => c.Content == text, Cancel);
            comment.Status = CommentStatus.Approved;
            return await db.SaveChangesAsync(Cancel);
        });

        Assert.Contains(text, await HtmlAsync(app.CreateReader(), permalink), StringComparison.Ordinal);
        Assert.Contains("Timed story behind a held comment", await HtmlAsync(app.CreateReader(), "/"), StringComparison.Ordinal);
    }

    // A section's archive is a list: filing an article under it too (a row of ArticleCategories
    // and nothing else) or taking it away, in bulk as well, shows there at once.
    [Fact]
    public async Task Filing_an_article_under_another_section_too_shows_in_that_section_s_cached_archive()
    {
        using var app = new BroadsheetApp();
        var reader = app.CreateReader();
        var slug = (await reader.FirstArticleAsync()).TrimEnd('/').Split('/')[^1];
        await app.WithDbAsync(db =>
        {
            db.Categories.Add(new Broadsheet.Taxonomy.Category { Name = "Features", Slug = "features" });
            return db.SaveChangesAsync(Cancel);
        });
        var before = await HtmlAsync(reader, "/category/features/");

        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.SecondaryCategories).SingleAsync(a => a.Slug == slug, Cancel);
            article.SecondaryCategories.Add(await db.Categories.SingleAsync(c => c.Slug == "features", Cancel));
            return await db.SaveChangesAsync(Cancel);
        });
        var filed = await HtmlAsync(reader, "/category/features/");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleCategories\"", Cancel));
        var taken = await HtmlAsync(reader, "/category/features/");

        Assert.DoesNotContain($"/{slug}/", before, StringComparison.Ordinal);
        Assert.Contains($"/{slug}/", filed, StringComparison.Ordinal);
        Assert.DoesNotContain($"/{slug}/", taken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_change_evicts_every_page()
    {
        using var app = new BroadsheetApp();
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var slug = permalink.TrimEnd('/').Split('/')[^1];
        await HtmlAsync(reader, permalink);

        await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Corrected headline"), Cancel));

        Assert.Contains("Corrected headline", await HtmlAsync(reader, permalink), StringComparison.Ordinal);
        Assert.Contains("Corrected headline", await HtmlAsync(reader, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_page_is_the_same_bytes_for_every_reader_and_each_fetches_a_token_of_their_own()
    {
        using var app = new BroadsheetApp { Settings = { ["Comments:Moderation"] = "None" } };
        var first = app.CreateReader();
        var second = app.CreateReader();
        var permalink = await first.FirstArticleAsync();

        var firstPage = await first.GetAsync(new Uri(permalink, UriKind.Relative), Cancel);
        var secondPage = await second.GetAsync(new Uri(permalink, UriKind.Relative), Cancel);
        var firstBytes = await firstPage.Content.ReadAsByteArrayAsync(Cancel);
        var form = (await Reader.ParseAsync(secondPage)).QuerySelector("form#commentform")!;
        var tokenAnswer = await first.GetAsync(new Uri(CommentEndpoints.TokenAddress, UriKind.Relative), Cancel);
        var firstToken = await first.CommentTokenAsync(form);
        var secondToken = await second.CommentTokenAsync(form);
        var firstPost = await first.PostCommentAsync(permalink, Reader.ValidComment($"One {Guid.NewGuid():N}", "one@example.org"));
        var secondPost = await second.PostCommentAsync(permalink, Reader.ValidComment($"Two {Guid.NewGuid():N}", "two@example.org"));

        Assert.Equal(firstBytes, await secondPage.Content.ReadAsByteArrayAsync(Cancel));
        Assert.False(firstPage.Headers.Contains("Set-Cookie"));
        Assert.True(string.IsNullOrEmpty(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")));
        Assert.Contains("no-store", tokenAnswer.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(HttpStatusCode.SeeOther, firstPost.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, secondPost.StatusCode);
    }
}
