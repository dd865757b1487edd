using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Feeds;

// What goes into each feed: published articles (whole site, a section, a tag, an author) and
// approved comments on published articles. Null means "no such feed" (404).
public sealed class FeedSources(BroadsheetDb db, SiteClock clock, Permalinks permalinks,
    IOptions<FeedOptions> feedOptions, IOptions<SiteOptions> siteOptions)
{
    private string SiteTitle => siteOptions.Value.Title;

    public Task<FeedContent> SiteAsync(CancellationToken cancellationToken) =>
        ArticlesAsync(SiteTitle, siteOptions.Value.Tagline, "/", db.Articles, cancellationToken);

    public async Task<FeedContent?> CategoryAsync(string slug, CancellationToken cancellationToken) =>
        await db.Categories.Where(c => c.Slug == slug).Select(c => new { c.Id, c.Name, c.Description }).FirstOrDefaultAsync(cancellationToken)
            is { } category
            ? await ArticlesAsync($"{SiteTitle} – {category.Name}", category.Description, Permalinks.Category(slug),
                db.Articles.InSection(category.Id), cancellationToken)
            : null;

    public async Task<FeedContent?> TagAsync(string slug, CancellationToken cancellationToken) =>
        await db.Tags.Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken) is { } tag
            ? await ArticlesAsync($"{SiteTitle} – {tag.Name}", $"Articles tagged {tag.Name}", Permalinks.Tag(slug),
                db.Articles.Where(a => a.Tags.Any(t => t.Id == tag.Id)), cancellationToken)
            : null;

    public async Task<FeedContent?> AuthorAsync(string slug, CancellationToken cancellationToken) =>
        await db.Authors.Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(cancellationToken) is { } author
            ? await ArticlesAsync($"{SiteTitle} – {author.Name}", $"Articles by {author.Name}", Permalinks.Author(slug),
                db.Articles.Where(a => a.AuthorId == author.Id), cancellationToken)
            : null;

    public async Task<FeedContent> CommentsAsync(CancellationToken cancellationToken) => new()
    {
        Title = $"Comments for {SiteTitle}",
        Description = $"The latest reader comments on {SiteTitle}",
        PagePath = "/",
        Entries = await CommentEntriesAsync(db.Comments, cancellationToken),
    };

    public async Task<FeedContent?> ArticleCommentsAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Published(clock.UtcNow).Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Title, a.Slug, a.PublishedAt }).FirstOrDefaultAsync(cancellationToken);
        return article is null ? null : new FeedContent
        {
            Title = $"Comments on: {article.Title}",
            Description = $"Reader comments on “{article.Title}”",
            PagePath = permalinks.For(article.PublishedAt!.Value, article.Slug),
            Entries = await CommentEntriesAsync(db.Comments.Where(c => c.ArticleId == article.Id), cancellationToken),
        };
    }

    private async Task<FeedContent> ArticlesAsync(string title, string description, string pagePath,
        IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var fullText = feedOptions.Value.FullText;
        var rows = await articles.Published(clock.UtcNow).NewestFirst().Take(feedOptions.Value.ItemCount)
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Excerpt, a.UpdatedAt, PublishedAt = a.PublishedAt!.Value,
                Body = fullText ? a.BodyHtml : null, Author = a.Author.Name, Category = a.Category.Name,
            })
            .ToListAsync(cancellationToken);
        return new FeedContent
        {
            Title = title,
            Description = description,
            PagePath = pagePath,
            Entries = [.. rows.Select(a => new FeedEntry
            {
                Id = Invariant($"/?p={a.Id}"),
                Title = a.Title,
                Path = permalinks.For(a.PublishedAt, a.Slug),
                Published = a.PublishedAt,
                Updated = a.UpdatedAt > a.PublishedAt ? a.UpdatedAt : a.PublishedAt,
                AuthorName = a.Author,
                SummaryText = a.Excerpt,
                ContentHtml = a.Body,
                Category = a.Category,
            })],
        };
    }

    private async Task<List<FeedEntry>> CommentEntriesAsync(IQueryable<Comment> comments, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await comments
            .Where(c => c.Status == CommentStatus.Approved)
            // Asked per comment, as a subquery, not as a condition on the joined article: with
            // statistics SQLite answers that condition with a Bloom filter built from every
            // published article (half a second on a site of 100,000), where walking the
            // (Status, CreatedAt) index newest first needs only the first few dozen comments.
            .Where(c => db.Articles.Where(a => a.Id == c.ArticleId)
                .Select(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now).FirstOrDefault())
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(feedOptions.Value.ItemCount)
            .Select(c => new { c.Id, c.AuthorName, c.Content, c.CreatedAt, c.ArticleId, c.Article.Title, c.Article.Slug, c.Article.PublishedAt,
                TextHtml = c.ContentHtml == null ? c.RenderedHtml : null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => new FeedEntry
        {
            Id = Invariant($"/?p={c.ArticleId}#comment-{c.Id}"),
            Title = $"Comment on {c.Title} by {c.AuthorName}",
            // The comment's own address leads to the page of a long thread that shows it.
            Path = Invariant($"/comment/{c.Id}/"),
            Published = c.CreatedAt,
            Updated = c.CreatedAt,
            AuthorName = c.AuthorName,
            SummaryText = c.Content,
            // Comments are plain text: CommentText turns them into safe HTML paragraphs, stored at
            // write time for our own comments (imported ones show their text here, not their HTML).
            ContentHtml = c.TextHtml ?? CommentText.ToHtml(c.Content),
        })];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
