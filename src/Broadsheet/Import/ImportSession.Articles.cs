using Broadsheet.Articles;
using Broadsheet.Redirects;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// Posts and pages become articles; attachments were read in the first pass; anything else
// (revisions, menu items, custom types) is listed as skipped.
internal sealed partial class ImportSession
{
    private const string DefaultCategory = "uncategorized";

    private async Task AddItemAsync(WxrItem item, CancellationToken cancellationToken)
    {
        if (item.PostType == "attachment")
        {
            return;
        }
        if (item.PostType is not ("post" or "page"))
        {
            Skip(item, $"post type '{item.PostType}' has no place in Broadsheet");
            return;
        }
        if (StatusOf(item.Status) is not { } status)
        {
            Skip(item, $"status '{item.Status}' is not imported");
            return;
        }
        // Authors and terms first: creating one saves, and must not save a half-filled article.
        var authorId = await AuthorIdAsync(item.Creator, cancellationToken);
        var categories = CategoriesOf(item);
        var categoryId = await CategoryIdAsync(categories.Count > 0 ? categories[0].Slug : DefaultCategory,
            categories.Count > 0 ? categories[0].Name : "Uncategorized", cancellationToken);
        var secondary = new List<Taxonomy.Category>();
        foreach (var term in categories.Skip(1))
        {
            secondary.Add(await CategoryAsync(term, cancellationToken));
        }
        var tags = new List<Taxonomy.Tag>();
        foreach (var term in item.Terms.Where(t => t.Domain == "post_tag").DistinctBy(t => t.Slug))
        {
            tags.Add(await TagAsync(term, cancellationToken));
        }
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.SecondaryCategories).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.WordPressId == item.PostId, cancellationToken);
        var isNew = article is null;
        article ??= new Article { Title = "", Slug = "", BodyMarkdown = "", BodyHtml = "" };
        (article.AuthorId, article.CategoryId) = (authorId, categoryId);
        SetTags(article, tags);
        SetSecondaryCategories(article, secondary.Where(c => c.Id != categoryId).DistinctBy(c => c.Id).ToList());
        await FillAsync(article, item, status, cancellationToken);
        if (isNew)
        {
            db.Articles.Add(article);
        }
        await db.SaveChangesAsync(cancellationToken);
        CountArticle(item, isNew);
        await AddCommentsAsync(article, item, cancellationToken);
        await AddOldAddressesAsync(article, item, cancellationToken);
    }

    private async Task FillAsync(Article article, WxrItem item, ArticleStatus status, CancellationToken cancellationToken)
    {
        var publishedAt = ToUtc(item.PostDateGmt, item.PostDate, utcNow);
        var wantedSlug = Slugs.From(item.PostName.Length > 0 ? item.PostName : item.Title);
        if (article.Slug.Length == 0 || (article.Slug != wantedSlug && !article.Slug.StartsWith(wantedSlug + "-", StringComparison.Ordinal)))
        {
            var id = article.Id;
            article.Slug = await Slugs.UniqueAsync(wantedSlug, s => db.Articles.AnyAsync(a => a.Slug == s && a.Id != id, cancellationToken));
        }
        article.WordPressId = item.PostId;
        article.Title = item.Title;
        article.Kind = item.PostType == "page" ? ArticleKind.Page : ArticleKind.Post;
        article.Status = status;
        article.PublishedAt = publishedAt;
        article.UpdatedAt = ToUtc(item.ModifiedGmt, null, publishedAt);
        article.IsSticky = item.IsSticky;
        article.AreCommentsOpen = item.AreCommentsOpen;
        article.Excerpt = Excerpt(item.Excerpt);
        var thumbnailId = item.Meta.TryGetValue("_thumbnail_id", out var thumbnail)
            && int.TryParse(thumbnail, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;
        // The old URL stays as the reference (exports write it back); the imported file, if any, is shown.
        article.FeaturedImageUrl = scan.AttachmentUrls.GetValueOrDefault(thumbnailId);
        if (uploads.ForAttachment(thumbnailId) is { } featured)
        {
            article.FeaturedMediaId = featured.MediaId;
            var alt = scan.AttachmentAlts.GetValueOrDefault(thumbnailId) ?? "";
            article.FeaturedImageAlt = alt.Length <= 300 ? alt : alt[..300];
        }
        var body = uploads.RewriteUrls(WordPressContent.ToArticleBody(item.Content, scan.AttachmentUrls));
        if (article.BodyMarkdown != body)
        {
            article.SetBody(body);
        }
    }

    private static void SetTags(Article article, List<Taxonomy.Tag> wanted)
    {
        var wantedIds = wanted.Select(t => t.Id).ToHashSet();
        article.Tags.RemoveAll(t => !wantedIds.Contains(t.Id));
        article.Tags.AddRange(wanted.Where(t => !article.Tags.Any(existing => existing.Id == t.Id)));
    }

    private static void SetSecondaryCategories(Article article, List<Taxonomy.Category> wanted)
    {
        var wantedIds = wanted.Select(c => c.Id).ToHashSet();
        article.SecondaryCategories.RemoveAll(c => !wantedIds.Contains(c.Id));
        article.SecondaryCategories.AddRange(wanted.Where(c => !article.SecondaryCategories.Any(existing => existing.Id == c.Id)));
    }

    // Excerpts are plain text here (shown as the standfirst); WordPress allowed HTML in them.
    private static string Excerpt(string html)
    {
        var text = CommentHtml.ToPlainText(html);
        return text.Length <= 1000 ? text : text[..1000];
    }

    private static ArticleStatus? StatusOf(string wordPressStatus) => wordPressStatus switch
    {
        "publish" => ArticleStatus.Published,
        "future" => ArticleStatus.Scheduled,
        "draft" => ArticleStatus.Draft,
        "pending" => ArticleStatus.Pending,
        "private" => ArticleStatus.Private,
        _ => null, // trash, auto-draft, inherit
    };

    private void CountArticle(WxrItem item, bool isNew)
    {
        if (!isNew)
        {
            report.ArticlesUpdated++;
        }
        else if (item.PostType == "page")
        {
            report.PagesAdded++;
        }
        else
        {
            report.ArticlesAdded++;
        }
    }

    // The address WordPress gave the item (its <link>), the one its permalink structure gives,
    // and for pages their nested /parent/child/ address, all answer with the article.
    private async Task AddOldAddressesAsync(Article article, WxrItem item, CancellationToken cancellationToken)
    {
        var current = permalinks.For(article);
        if (OldPermalinks.PathOf(item.Link) is { } linked)
        {
            await AddLegacyUrlAsync(linked, LegacyTarget.Article, article.Id, cancellationToken, current);
        }
        if (item.PostType == "page")
        {
            await AddLegacyUrlAsync("/" + scan.PagePath(item.PostId) + "/", LegacyTarget.Article, article.Id, cancellationToken, current);
            return;
        }
        if (item.PostName.Length > 0 && item.Status == "publish")
        {
            var local = item.PostDate ?? TimeZoneInfo.ConvertTimeFromUtc(article.PublishedAt!.Value, zone);
            var categorySlug = CategoriesOf(item) is [var primary, ..] ? primary.Slug : DefaultCategory;
            var structured = OldPermalinks.Expand(options.PermalinkStructure, local, item.PostName, item.PostId,
                CategoryPath(categorySlug), Slugs.From(item.Creator));
            await AddLegacyUrlAsync(structured, LegacyTarget.Article, article.Id, cancellationToken, current);
        }
    }
}
