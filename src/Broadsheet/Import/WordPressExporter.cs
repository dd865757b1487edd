using System.Text;
using System.Xml;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Import;

// Writes the whole site as a WordPress export (WXR 1.2) that WordPress's own importer accepts, and
// that our importer reads back to the same site. Rows read as a stream, written as they come.
// What came from WordPress keeps its WordPress numbers; what was written here gets numbers above
// them, so the two never collide.
public sealed class WordPressExporter(BroadsheetDb db, Permalinks permalinks, IOptions<SiteOptions> site)
{
    public async Task ExportAsync(Stream output, string siteUrl, CancellationToken cancellationToken = default)
    {
        var numbers = await WxrNumbers.LoadAsync(db, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.Value.TimeZone);
        await using var xml = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
        var writer = new WxrWriter(xml, zone);
        await writer.StartAsync(site.Value.Title, siteUrl);
        await foreach (var author in db.Authors.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.AuthorAsync(author);
        }
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var category in categories.Values.OrderBy(c => c.Id))
        {
            await writer.CategoryAsync(category, category.ParentId is { } parent ? categories[parent].Slug : null);
        }
        await foreach (var tag in db.Tags.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.TagAsync(tag);
        }
        var articles = db.Articles.AsNoTracking().Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .OrderBy(a => a.Id).AsSplitQuery().AsAsyncEnumerable();
        await foreach (var article in articles.WithCancellation(cancellationToken))
        {
            var comments = await db.Comments.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var postId = numbers.Post(article);
            var thumbnailId = article.FeaturedImageUrl is null ? (int?)null : numbers.Attachment(article);
            await writer.ItemAsync(article, postId, siteUrl.TrimEnd('/') + permalinks.For(article), thumbnailId, comments, numbers);
            if (thumbnailId is { } attachmentId)
            {
                await writer.AttachmentAsync(article, attachmentId, postId);
            }
        }
        await writer.EndAsync();
    }
}

// The numbers an export gives to rows: their WordPress number when they have one, else their id
// above the highest WordPress number of their kind.
internal sealed record WxrNumbers(int PostBase, long CommentBase, int AttachmentBase)
{
    public static async Task<WxrNumbers> LoadAsync(BroadsheetDb db, CancellationToken cancellationToken)
    {
        var posts = await db.Articles.MaxAsync(a => a.WordPressId, cancellationToken) ?? 0;
        var articles = await db.Articles.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0;
        var comments = await db.Comments.MaxAsync(c => c.WordPressId, cancellationToken) ?? 0;
        return new WxrNumbers(posts, comments, posts + articles);
    }

    public int Post(Article article) => article.WordPressId ?? PostBase + article.Id;

    public long Comment(Comment comment) => comment.WordPressId ?? CommentBase + comment.Id;

    public int Attachment(Article article) => AttachmentBase + article.Id;
}
