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
        foreach (var category in ParentsFirst(categories))
        {
            await writer.CategoryAsync(category, category.ParentId is { } parent ? categories[parent].Slug : null);
        }
        await foreach (var tag in db.Tags.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.TagAsync(tag);
        }
        var articles = db.Articles.AsNoTracking().Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
            .Include(a => a.SecondaryCategories).OrderBy(a => a.Id).AsSplitQuery().AsAsyncEnumerable();
        // Pages point at their parent page by its post number; pages are few, so their numbers are known up front.
        var pageNumbers = await db.Articles.AsNoTracking().Where(a => a.Kind == ArticleKind.Page)
            .ToDictionaryAsync(a => a.Id, a => numbers.Post(a.Id, a.WordPressId), cancellationToken);
        await foreach (var article in articles.WithCancellation(cancellationToken))
        {
            var comments = await db.Comments.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var postId = numbers.Post(article);
            var thumbnailId = article.FeaturedImageUrl is null ? (int?)null : numbers.Attachment(article);
            var parentId = article.ParentId is { } parent ? pageNumbers.GetValueOrDefault(parent) : 0;
            await writer.ItemAsync(article, postId, parentId, siteUrl.TrimEnd('/') + permalinks.For(article), thumbnailId, comments, numbers);
            if (thumbnailId is { } attachmentId)
            {
                await writer.AttachmentAsync(article, attachmentId, postId);
            }
        }
        await writer.EndAsync();
    }

    // WordPress's importer finds a category's parent by name among the categories it has already
    // made: a parent must come before its children in the file, or the child loses it.
    private static IEnumerable<Taxonomy.Category> ParentsFirst(Dictionary<int, Taxonomy.Category> categories)
    {
        var children = categories.Values.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        var written = new HashSet<int>();
        var queue = new Queue<Taxonomy.Category>(categories.Values
            .Where(c => c.ParentId is not { } parent || !categories.ContainsKey(parent)).OrderBy(c => c.Id));
        while (queue.TryDequeue(out var category))
        {
            if (written.Add(category.Id))
            {
                yield return category;
                foreach (var child in children[category.Id].OrderBy(c => c.Id))
                {
                    queue.Enqueue(child);
                }
            }
        }
        // A loop of parents (which WordPress cannot make) is written all the same, in id order.
        foreach (var category in categories.Values.Where(c => !written.Contains(c.Id)).OrderBy(c => c.Id))
        {
            yield return category;
        }
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

    public int Post(Article article) => Post(article.Id, article.WordPressId);

    public int Post(int id, int? wordPressId) => wordPressId ?? PostBase + id;

    public long Comment(Comment comment) => comment.WordPressId ?? CommentBase + comment.Id;

    public int Attachment(Article article) => AttachmentBase + article.Id;
}
