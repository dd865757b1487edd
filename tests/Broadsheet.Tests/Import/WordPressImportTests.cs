using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Import;

// The hand-written site.xml holds every element the importer reads; one import per class.
public sealed class WordPressImportTests : IAsyncLifetime
{
    private readonly BroadsheetApp _app = Importing.EmptySite();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.CreateClient().Dispose(); // starts the app: the database is created and migrated
        Report = await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private Broadsheet.Import.ImportReport Report { get; set; } = null!;

    [Fact]
    public async Task Posts_of_every_status_and_pages_are_imported_with_their_fields()
    {
        var articles = await _app.WithDbAsync(db => db.Articles.Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .ToDictionaryAsync(a => a.WordPressId!.Value, Cancel));

        Assert.Equal([101, 102, 103, 104, 105, 106, 201, 202], articles.Keys.Order());
        Assert.Equal(ArticleStatus.Published, articles[101].Status);
        Assert.Equal(ArticleStatus.Draft, articles[103].Status);
        Assert.Equal(ArticleStatus.Pending, articles[104].Status);
        Assert.Equal(ArticleStatus.Private, articles[105].Status);
        Assert.Equal(ArticleStatus.Scheduled, articles[106].Status);
        Assert.Equal(ArticleKind.Page, articles[201].Kind);
        Assert.Equal(ArticleKind.Post, articles[101].Kind);

        var harbour = articles[101];
        Assert.Equal("Harbour reopens 🌊", harbour.Title);
        Assert.Equal("harbour-reopens", harbour.Slug);
        Assert.True(harbour.IsSticky);
        Assert.Equal(new DateTime(2024, 3, 5, 9, 30, 0, DateTimeKind.Utc), harbour.PublishedAt);
        Assert.Equal("The harbour is open — ميناء 🌊", harbour.Excerpt);
        Assert.Equal("http://old.example.com/wp-content/uploads/2024/03/harbour.jpg", harbour.FeaturedImageUrl);
        Assert.Equal("編集者 李", harbour.Author.Name);
        Assert.Equal("editor@old.example.com", harbour.Author.Email);
        Assert.Equal("editor", harbour.Author.WordPressLogin);
        Assert.Equal("local", harbour.Category.Slug);
        Assert.Equal(["Harbour", "Party 🎉"], harbour.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));

        // The duplicate slug gets a suffix; its old address is kept as a redirect.
        Assert.Equal("harbour-reopens-2", articles[102].Slug);
        Assert.Equal("مريم حداد", articles[102].Author.Name);
        Assert.Equal("文化", articles[102].Category.Name);
        Assert.Equal("文化", articles[102].Category.Slug);

        // Missing optional elements: a slug from the title, an unknown author created, a default section.
        Assert.Equal("a-draft-with-almost-nothing", articles[103].Slug);
        Assert.Equal("ghost", articles[103].Author.WordPressLogin);
        Assert.Equal("uncategorized", articles[103].Category.Slug);
        Assert.True(articles[103].AreCommentsOpen);
    }

    [Fact]
    public async Task Categories_keep_their_hierarchy_even_when_the_parent_comes_later()
    {
        var categories = await _app.WithDbAsync(db => db.Categories.ToListAsync(Cancel));
        var news = categories.Single(c => c.Slug == "news");
        Assert.Equal(news.Id, categories.Single(c => c.Slug == "local").ParentId);
        Assert.Equal("All the news 📰", news.Description);
        Assert.Equal(2, news.WordPressId);
    }

    [Fact]
    public void Trash_attachments_and_menu_items_are_not_articles_and_the_summary_lists_what_was_skipped()
    {
        Assert.Equal(6, Report.ArticlesAdded); // 101–106; the binned 107 is not
        Assert.Equal(2, Report.PagesAdded);
        Assert.Contains(Report.Skipped, s => s.What == "<item> post 107" && s.Why.Contains("trash", StringComparison.Ordinal));
        Assert.Contains(Report.Skipped, s => s.What == "<item> nav_menu_item 401");
        Assert.Equal(19, Report.CommentsAdded);
    }

    [Fact]
    public async Task Every_comment_keeps_its_status_fields_and_WordPress_number()
    {
        var comments = await _app.WithDbAsync(db => db.Comments.ToDictionaryAsync(c => c.WordPressId!.Value, Cancel));

        Assert.Equal(19, comments.Count);
        Assert.All(comments.Values, c => Assert.Equal(c.WordPressId, c.Id)); // numbers were free: kept as ids
        Assert.Equal(CommentStatus.Pending, comments[1013].Status);
        Assert.Equal(CommentStatus.Spam, comments[1014].Status);
        Assert.Equal(CommentStatus.Trash, comments[1015].Status);
        Assert.Equal(CommentStatus.Approved, comments[1016].Status);
        var unicode = comments[1016];
        Assert.Equal("李小龍 🐉", unicode.AuthorName);
        Assert.Equal("li@example.org", unicode.AuthorEmail);
        Assert.Equal("https://例え.example/", unicode.AuthorUrl);
        Assert.Equal("2001:db8::1", unicode.IpAddress);
        Assert.Equal(new DateTime(2024, 3, 5, 12, 0, 0, DateTimeKind.Utc), unicode.CreatedAt);
        Assert.Equal("<p>你好世界 — مرحبا بالعالم 🎉</p>\n<p>Second paragraph<br>\nwith a line break.</p>", unicode.ContentHtml);
        Assert.StartsWith("你好世界 — مرحبا بالعالم 🎉", unicode.Content, StringComparison.Ordinal);
        var anonymous = comments[1018];
        Assert.Equal(("", "", null), (anonymous.AuthorName, anonymous.AuthorEmail, anonymous.IpAddress));
    }

    [Fact]
    public async Task Threads_are_kept_ten_deep_and_a_reply_may_come_before_its_parent()
    {
        var comments = await _app.WithDbAsync(db => db.Comments.ToDictionaryAsync(c => c.WordPressId!.Value, Cancel));

        Assert.Null(comments[1001].ParentId);
        for (var n = 1002; n <= 1010; n++)
        {
            Assert.Equal(comments[n - 1].Id, comments[n].ParentId);
        }
        Assert.Equal(comments[1012].Id, comments[1011].ParentId);
    }

    [Fact]
    public async Task Comment_HTML_keeps_only_what_the_WordPress_comment_allow_list_allows()
    {
        var hostile = await _app.WithDbAsync(db => db.Comments.SingleAsync(c => c.WordPressId == 1017, Cancel));

        Assert.Contains("<strong>bold</strong>", hostile.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://ok.example/\" rel=\"nofollow ugc\">good link</a>", hostile.ContentHtml, StringComparison.Ordinal);
        Assert.Contains("<blockquote cite=\"https://q.example/\">", hostile.ContentHtml, StringComparison.Ordinal);
        foreach (var banned in new[] { "<script", "<img", "onerror", "javascript:", "<iframe", "onclick" })
        {
            Assert.DoesNotContain(banned, hostile.ContentHtml, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("<script>alert(1)</script>Mallory", hostile.AuthorName); // plain text, encoded when shown
    }

    [Fact]
    public async Task Post_content_is_converted_to_clean_HTML_that_renders_like_the_original()
    {
        var html = await _app.WithDbAsync(db => db.Articles.Where(a => a.WordPressId == 101).Select(a => a.BodyHtml).SingleAsync(Cancel));

        Assert.Contains("<p>Opening paragraph of the harbour story.<br>\nSecond line of the first paragraph.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<figure><img src=\"http://old.example.com/wp-content/uploads/2024/03/harbour.jpg\" alt=\"The harbour\" width=\"640\" height=\"480\"><figcaption>The harbour at dawn, 東京 style</figcaption></figure>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://video.example/watch?v=abc\" rel=\"noopener\">https://video.example/watch?v=abc</a>", html, StringComparison.Ordinal);
        Assert.Contains("<ul class=\"gallery\">\n<li>\n<figure><img src=\"http://old.example.com/wp-content/uploads/2024/03/harbour.jpg\" alt=\"\"></figure>\n</li>\n<li>\n<figure><img src=\"http://old.example.com/wp-content/uploads/2024/03/boat.jpg\" alt=\"\"></figure>\n</li>\n</ul>", html, StringComparison.Ordinal);
        Assert.Contains("The inner words stay. And  vanishes, but [literal] stays.", html, StringComparison.Ordinal);
        Assert.Contains("<pre>keep\n   this  [i] as it is\n\n</pre>", html, StringComparison.Ordinal);
        Assert.Contains("Code: a]]&gt;b", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[caption", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_markup_loses_its_comments_and_hostile_HTML_but_keeps_its_content()
    {
        var html = await _app.WithDbAsync(db => db.Articles.Where(a => a.WordPressId == 102).Select(a => a.BodyHtml).SingleAsync(Cancel));

        Assert.Contains("<p>שלום עולם — Hebrew paragraph.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"wp-block-image\"><img src=\"http://old.example.com/wp-content/uploads/2024/03/boat.jpg\" alt=\"\"></figure>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Click</p>", html, StringComparison.Ordinal);
        foreach (var banned in new[] { "wp:", "<script", "onclick", "javascript:", "<iframe" })
        {
            Assert.DoesNotContain(banned, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Imported_bodies_render_again_through_the_article_pipeline_to_the_same_HTML()
    {
        var bodies = await _app.WithDbAsync(db => db.Articles.Select(a => new { a.BodyMarkdown, a.BodyHtml }).ToListAsync(Cancel));

        // The stored "Markdown" is the HTML itself; only blank lines between blocks may differ.
        Assert.All(bodies, body =>
        {
            Assert.Equal(body.BodyHtml, ArticleBody.ToHtml(body.BodyMarkdown));
            Assert.Equal(Blocks(body.BodyMarkdown), Blocks(body.BodyHtml));
        });

        static string Blocks(string html) => System.Text.RegularExpressions.Regex.Replace(html.Trim(), @"(?<=>)\n\n(?=<)", "\n");
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        var before = await Snapshot.OfAsync(_app);

        var again = await _app.ImportWordPressAsync(Importing.Fixture("site.xml"));

        Assert.Equal(0, again.ArticlesAdded + again.PagesAdded + again.CommentsAdded + again.LegacyUrls);
        Assert.Equal(before, await Snapshot.OfAsync(_app));
    }
}
