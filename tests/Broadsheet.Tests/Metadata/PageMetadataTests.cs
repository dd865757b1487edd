using System.Text.Json;
using AngleSharp.Dom;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Tests.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Metadata;

public sealed class PageMetadataTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private const string HostileTitle = "</script><script>alert(\"t\")</script> & 'quotes' <!--";
    private readonly HttpClient _reader = app.CreateReader();

    private static JsonElement[] JsonLd(IDocument page)
    {
        var blocks = page.QuerySelectorAll("script[type='application/ld+json']");
        Assert.Single(blocks);
        using var json = JsonDocument.Parse(blocks[0].TextContent);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private string PermalinkOf(Article article) => app.Services.GetRequiredService<Permalinks>().For(article);

    [Fact]
    public async Task An_article_page_describes_itself_as_a_NewsArticle_with_its_approved_comments()
    {
        var permalink = await _reader.FirstArticleWithCommentsAsync();
        var page = await _reader.GetPageAsync(permalink);

        var (article, breadcrumbs) = (JsonLd(page)[0], JsonLd(page)[1]);

        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());
        Assert.Equal(page.QuerySelector("h1")!.TextContent, article.GetProperty("headline").GetString());
        Assert.Equal("http://localhost" + permalink, article.GetProperty("mainEntityOfPage").GetString());
        Assert.True(DateTimeOffset.TryParse(article.GetProperty("datePublished").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(DateTimeOffset.TryParse(article.GetProperty("dateModified").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(page.QuerySelector("a[rel=author]")!.TextContent, article.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("The Aldwick Broadsheet", article.GetProperty("publisher").GetProperty("name").GetString());
        var shown = page.QuerySelectorAll("#comments .comment").Length;
        Assert.True(shown > 0);
        Assert.Equal(shown, article.GetProperty("commentCount").GetInt32());
        Assert.Equal(shown, article.GetProperty("comment").GetArrayLength());
        Assert.All(article.GetProperty("comment").EnumerateArray(), c => Assert.Equal("Comment", c.GetProperty("@type").GetString()));
        Assert.Equal("BreadcrumbList", breadcrumbs.GetProperty("@type").GetString());
        Assert.Equal(3, breadcrumbs.GetProperty("itemListElement").GetArrayLength());
    }

    [Fact]
    public async Task The_articles_picture_is_its_featured_image_else_the_first_image_of_its_body()
    {
        var imported = await app.AddArticleAsync("Pictured from the old site", body: "![Quay](/media/in-body.jpg)");
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == imported.Id).ExecuteUpdateAsync(
            s => s.SetProperty(a => a.FeaturedImageUrl, "https://old.example.org/wp-content/uploads/quay.jpg"), TestContext.Current.CancellationToken));
        var plain = await app.AddArticleAsync("Pictured in the body", body: "Words.\n\n![Quay](/media/in-body.jpg)");

        var importedPage = await _reader.GetPageAsync(PermalinkOf(imported));
        var plainPage = await _reader.GetPageAsync(PermalinkOf(plain));

        Assert.Equal("https://old.example.org/wp-content/uploads/quay.jpg", JsonLd(importedPage)[0].GetProperty("image")[0].GetString());
        Assert.Equal("https://old.example.org/wp-content/uploads/quay.jpg", importedPage.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Equal("http://localhost/media/in-body.jpg", JsonLd(plainPage)[0].GetProperty("image")[0].GetString());
    }

    [Fact]
    public async Task A_script_tag_in_a_title_or_comment_cannot_break_out_of_the_data_block()
    {
        var article = await app.AddArticleAsync(HostileTitle, excerpt: "\"Quoted\" & <b>bold</b>");
        await AddCommentAsync(article.Id, "</script><img src=x onerror=alert(1)>", CommentStatus.Approved);
        await AddCommentAsync(article.Id, "Awaiting moderation", CommentStatus.Pending);

        var page = await _reader.GetPageAsync(PermalinkOf(article));

        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']):not([src])"));
        Assert.Empty(page.Head!.QuerySelectorAll("img"));
        var json = JsonLd(page)[0];
        Assert.Equal(HostileTitle, json.GetProperty("headline").GetString());
        Assert.Equal(1, json.GetProperty("commentCount").GetInt32());
        Assert.Equal("</script><img src=x onerror=alert(1)>", json.GetProperty("comment")[0].GetProperty("text").GetString());
        Assert.Equal(HostileTitle, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("\"Quoted\" & <b>bold</b>", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/", "website")]
    [InlineData("/category/news/", "website")]
    [InlineData("/tag/harbour/", "website")]
    [InlineData("/author/maren-holt/", "website")]
    public async Task Every_page_has_a_canonical_address_social_tags_and_feed_links(string url, string type)
    {
        var page = await _reader.GetPageAsync(url);

        Assert.Equal("http://localhost" + url, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(type, page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.NotEmpty(page.QuerySelector("meta[property='og:title']")!.GetAttribute("content")!);
        Assert.NotEmpty(page.QuerySelector("meta[name=description]")!.GetAttribute("content")!);
        Assert.NotNull(page.QuerySelector("meta[name='twitter:card']"));
        var feeds = page.QuerySelectorAll("link[rel=alternate]").Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();
        Assert.Contains(("application/rss+xml", "http://localhost/feed/"), feeds);
        Assert.Contains(("application/atom+xml", "http://localhost/feed/atom/"), feeds);
        if (url != "/")
        {
            Assert.Contains(("application/rss+xml", "http://localhost" + url + "feed/"), feeds);
        }
    }

    [Fact]
    public async Task The_search_page_asks_not_to_be_indexed()
    {
        var page = await _reader.GetPageAsync("/search?q=harbour");

        Assert.Equal("noindex, follow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task An_article_links_related_articles_and_its_sections_neighbours_but_never_drafts()
    {
        await app.AddSectionAndTagAsync("bandersnatch");
        var older = await app.AddArticleAsync("Bandersnatch older", age: TimeSpan.FromMinutes(30), category: "bandersnatch");
        var draft = await app.AddArticleAsync("Bandersnatch draft", status: ArticleStatus.Draft, category: "bandersnatch", tags: ["bandersnatch"]);
        var middle = await app.AddArticleAsync("Bandersnatch middle", age: TimeSpan.FromMinutes(20), category: "bandersnatch", tags: ["bandersnatch"]);
        var newer = await app.AddArticleAsync("Bandersnatch newer", age: TimeSpan.FromMinutes(10), category: "bandersnatch");

        var page = await _reader.GetPageAsync(PermalinkOf(middle));

        var related = page.QuerySelectorAll(".related-articles a").Select(a => a.TextContent).ToList();
        Assert.InRange(related.Count, 1, 4);
        Assert.DoesNotContain("Bandersnatch draft", related);
        Assert.DoesNotContain("Bandersnatch middle", related);
        Assert.Equal(PermalinkOf(older), page.QuerySelector(".article-neighbours a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(PermalinkOf(newer), page.QuerySelector(".article-neighbours a[rel=next]")!.GetAttribute("href"));
        Assert.NotEqual(PermalinkOf(draft), page.QuerySelector(".article-neighbours a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Related_articles_prefer_shared_tags_then_similar_text()
    {
        await app.AddSectionAndTagAsync("snarks");
        var subject = await app.AddArticleAsync("Snark hunt on the esplanade", body: "A snark was seen.", category: "sport", tags: ["snarks"]);
        var sharedTag = await app.AddArticleAsync("Unrelated wording entirely", category: "business", tags: ["snarks"]);
        var similar = await app.AddArticleAsync("Another snark hunt planned", category: "business");

        var related = (await _reader.GetPageAsync(PermalinkOf(subject))).QuerySelectorAll(".related-articles a")
            .Select(a => a.GetAttribute("href")).ToList();

        Assert.Contains(PermalinkOf(sharedTag), related);
        Assert.Contains(PermalinkOf(similar), related);
        Assert.True(related.IndexOf(PermalinkOf(sharedTag)) < related.IndexOf(PermalinkOf(similar)));
    }

    private Task<int> AddCommentAsync(int articleId, string text, CommentStatus status) => app.WithDbAsync(db =>
    {
        db.Comments.Add(new Comment
        {
            ArticleId = articleId,
            AuthorName = "</script> Reader",
            AuthorEmail = "reader@example.org",
            Content = text,
            Status = status,
            CreatedAt = app.Time.GetUtcNow().UtcDateTime,
        });
        return db.SaveChangesAsync(TestContext.Current.CancellationToken);
    });
}
