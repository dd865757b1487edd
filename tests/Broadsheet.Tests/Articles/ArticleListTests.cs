using System.Net;
using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Articles;

// What the list pages (home, section, tag and author archives) show, on a site of their own: the
// output cache is off, so each request reads the lists afresh at the test clock's time.
public sealed class ArticleListTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly BroadsheetApp _app = new() { Settings = { ["Caching:Enabled"] = "false" } };
    private readonly DateTime _now = BroadsheetApp.Start.UtcDateTime;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_section_lists_its_own_articles_and_those_also_filed_under_it_newest_first()
    {
        var reader = _app.CreateReader();
        var (features, news) = await AddSectionsAsync();
        await AddArticleAsync("Own feature", features, _now.AddHours(-3));
        await AddArticleAsync("Filed here too", news, _now.AddHours(-1), secondary: features);
        await AddArticleAsync("Elsewhere only", news, _now.AddHours(-2));

        Assert.Equal(["Filed here too", "Own feature"], await TitlesAsync(reader, "/category/features/"));
        Assert.Equal(["Filed here too", "Elsewhere only"], await TitlesAsync(reader, "/category/elsewhere/"));
    }

    [Fact]
    public async Task Scheduled_and_draft_articles_and_standing_pages_stay_off_every_list_until_their_time()
    {
        var reader = _app.CreateReader();
        var (features, _) = await AddSectionsAsync();
        await AddArticleAsync("Embargoed", features, _now.AddHours(2));
        await AddArticleAsync("Unfinished", features, _now.AddHours(-2), status: ArticleStatus.Draft);
        await AddArticleAsync("About us", features, _now.AddHours(-2), kind: ArticleKind.Page);
        await AddArticleAsync("Out now", features, _now.AddHours(-1));
        string[] lists = ["/", "/category/features/", "/tag/lists/", "/author/list-writer/"];

        foreach (var list in lists)
        {
            Assert.Equal("Out now", (await TitlesAsync(reader, list))[0]);
        }
        _app.Time.Advance(TimeSpan.FromHours(3));
        foreach (var list in lists)
        {
            Assert.Equal(["Embargoed", "Out now"], (await TitlesAsync(reader, list))[..2]);
        }
    }

    [Fact]
    public async Task Articles_of_the_same_moment_page_on_highest_id_first_and_past_the_last_page_is_not_found()
    {
        var reader = _app.CreateReader();
        var (features, _) = await AddSectionsAsync();
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await AddArticleAsync($"Same moment {i}", features, _now.AddHours(-1)));
        }
        var titles = ids.OrderDescending().Select(id => $"Same moment {ids.IndexOf(id)}").ToList();

        Assert.Equal(titles[..10], await TitlesAsync(reader, "/category/features/"));
        Assert.Equal(titles[10..], await TitlesAsync(reader, "/category/features/page/2/"));
        foreach (var beyond in new[] { "/category/features/page/3/", "/category/features/page/0/", "/page/2147483647/", "/tag/lists/page/99/" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri(beyond, UriKind.Relative), Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task Each_article_on_a_list_shows_its_number_of_approved_comments()
    {
        var reader = _app.CreateReader();
        var (features, _) = await AddSectionsAsync();
        var id = await AddArticleAsync("Talked about", features, _now.AddHours(-1));
        await _app.WithDbAsync(db =>
        {
            foreach (var status in new[] { CommentStatus.Approved, CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Spam })
            {
                db.Comments.Add(new Comment
                {
                    ArticleId = id, AuthorName = "Reader", AuthorEmail = "reader@example.org", Content = "Well put.",
                    Status = status, CreatedAt = _now.AddMinutes(-30),
                });
            }
            return db.SaveChangesAsync(Cancel);
        });

        var page = await reader.GetPageAsync("/category/features/");
        var home = await reader.GetPageAsync("/");
        var counts = await _app.WithDbAsync(db => db.Articles.Published(_now).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(10).Select(a => a.Comments.Count(c => c.Status == CommentStatus.Approved)).ToListAsync(Cancel));

        Assert.Equal("2 comments", page.QuerySelector(".article-summary .meta a[href$='#comments']")!.TextContent);
        Assert.Equal(counts.Select(CommentCounts.Phrase), home.QuerySelectorAll(".article-summary .meta a[href$='#comments']").Select(a => a.TextContent));
    }

    private static async Task<List<string>> TitlesAsync(HttpClient reader, string path) =>
        [.. (await reader.GetPageAsync(path)).QuerySelectorAll(".article-summary h2 a").Select(a => a.TextContent)];

    private Task<(int Features, int Elsewhere)> AddSectionsAsync() => _app.WithDbAsync(async db =>
    {
        var features = new Category { Name = "Features", Slug = "features" };
        var elsewhere = new Category { Name = "Elsewhere", Slug = "elsewhere" };
        db.AddRange(features, elsewhere, new Tag { Name = "Lists", Slug = "lists" },
            new Author { Name = "List Writer", Slug = "list-writer" });
        await db.SaveChangesAsync(Cancel);
        return (features.Id, elsewhere.Id);
    });

    // Every article made here carries the tag "lists" and the byline "List Writer".
    private Task<int> AddArticleAsync(string title, int categoryId, DateTime publishedAt, int? secondary = null,
        ArticleStatus status = ArticleStatus.Published, ArticleKind kind = ArticleKind.Post) => _app.WithDbAsync(async db =>
    {
        var article = new Article
        {
            Title = title, Slug = Slugs.From(title) + "-" + Guid.NewGuid().ToString("N")[..6], BodyMarkdown = "x", BodyHtml = "<p>x</p>",
            Status = status, Kind = kind, PublishedAt = publishedAt, UpdatedAt = publishedAt, CategoryId = categoryId,
            AuthorId = (await db.Authors.SingleAsync(a => a.Slug == "list-writer", Cancel)).Id,
            Tags = [await db.Tags.SingleAsync(t => t.Slug == "lists", Cancel)],
            SecondaryCategories = secondary is { } id ? [await db.Categories.SingleAsync(c => c.Id == id, Cancel)] : [],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync(Cancel);
        return article.Id;
    });
}
