using Broadsheet.Admin.Audit;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin.Articles;

// Applies an editor's save to an article: fields, slug (keeping the old one working once the
// article has been public), tags created on the fly, the status change, a revision, and the audit
// line. The caller has checked the role (the byline changes for editors only, whatever was sent); SaveChanges raises DbUpdateConcurrencyException when
// someone else saved first.
public sealed class ArticleDesk(BroadsheetDb db, TimeProvider time, AuditLog audit)
{
    public async Task SaveAsync(Article article, ArticleForm form, string intent, DateTime? publishAtUtc, Writer writer,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        article.Title = form.TrimmedTitle;
        article.Excerpt = (form.Excerpt ?? "").Trim();
        article.SetBody(form.Body ?? "");
        article.CategoryId = form.CategoryId;
        await SetSecondaryCategoriesAsync(article, form, cancellationToken);
        article.AreCommentsOpen = form.CommentsOpen;
        if (writer.IsEditor && form.AuthorId is { } byline)
        {
            article.AuthorId = byline;
        }
        article.FeaturedMediaId = form.FeaturedMediaId;
        article.FeaturedImageAlt = form.FeaturedMediaId is null ? null : form.FeaturedImageAlt?.Trim();
        article.UpdatedAt = now;
        await SetSlugAsync(article, string.IsNullOrWhiteSpace(form.Slug) ? form.TrimmedTitle : form.Slug, cancellationToken);
        await SetTagsAsync(article, form.TagNames, cancellationToken);
        var action = ApplyIntent(article, intent, publishAtUtc, now);

        // The version the editor started from must still be the stored one.
        if (article.Id != 0)
        {
            db.Entry(article).Property(a => a.Version).OriginalValue = form.Version;
        }
        article.Version = form.Version + 1;
        db.Add(ArticleRevision.Of(article, now, writer.UserName, intent));
        await db.SaveChangesAsync(cancellationToken);
        if (article.Kind == ArticleKind.Page)
        {
            // A page's new slug moves its address and those of the pages under it.
            await PagePaths.RefreshAsync(db, cancellationToken);
        }
        if (action is not null)
        {
            await audit.RecordAsync(writer.UserName, action, $"#{article.Id} {article.Title}", cancellationToken);
        }
    }

    private static string? ApplyIntent(Article article, string intent, DateTime? publishAtUtc, DateTime now)
    {
        switch (intent)
        {
            case "publish":
                // A new or future date becomes now; a re-published article keeps its date, and so its permalink.
                article.PublishedAt = article.PublishedAt is { } at && at <= now ? at : now;
                article.Status = ArticleStatus.Published;
                return "article.published";
            case "schedule":
                article.PublishedAt = publishAtUtc;
                article.Status = ArticleStatus.Scheduled;
                return "article.scheduled";
            case "unpublish":
                article.Status = ArticleStatus.Unpublished;
                return "article.unpublished";
            case "draft":
                var wasPublished = article.Status == ArticleStatus.Published;
                if (article.Status == ArticleStatus.Scheduled)
                {
                    article.PublishedAt = null;
                }
                article.Status = ArticleStatus.Draft;
                return wasPublished ? "article.unpublished" : null;
            default:
                return null;
        }
    }

    private async Task SetSlugAsync(Article article, string wanted, CancellationToken cancellationToken)
    {
        var id = article.Id;
        var slug = await Slugs.UniqueAsync(Slugs.From(wanted), IsTakenAsync);
        if (slug == article.Slug)
        {
            return;
        }
        // Once readers could have seen the article, its first address must keep working.
        if (id != 0 && article.PublishedAt is not null && article.Status != ArticleStatus.Scheduled)
        {
            db.Add(new OldSlug { Slug = article.Slug, ArticleId = id });
        }
        db.RemoveRange(await db.Set<OldSlug>().Where(o => o.Slug == slug && o.ArticleId == id).ToListAsync(cancellationToken));
        article.Slug = slug;

        // Taken by another article, now or in the past (its old links must keep leading to it).
        async Task<bool> IsTakenAsync(string candidate) =>
            await db.Articles.AnyAsync(a => a.Slug == candidate && a.Id != id, cancellationToken)
            || await db.Set<OldSlug>().AnyAsync(o => o.Slug == candidate && o.ArticleId != id, cancellationToken);
    }

    private async Task SetSecondaryCategoriesAsync(Article article, ArticleForm form, CancellationToken cancellationToken)
    {
        var wanted = form.SecondaryCategoryIds.Where(id => id != form.CategoryId).ToHashSet();
        var categories = await db.Categories.Where(c => wanted.Contains(c.Id)).ToListAsync(cancellationToken);
        article.SecondaryCategories.RemoveAll(c => !wanted.Contains(c.Id));
        article.SecondaryCategories.AddRange(categories.Where(c => article.SecondaryCategories.All(existing => existing.Id != c.Id)));
    }

    private async Task SetTagsAsync(Article article, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.ToDictionary(Slugs.From, name => name);
        var existing = await db.Tags.Where(t => wanted.Keys.Contains(t.Slug)).ToListAsync(cancellationToken);
        var created = wanted.Where(w => existing.All(t => t.Slug != w.Key)).Select(w => new Tag { Name = w.Value, Slug = w.Key });
        article.Tags.Clear();
        article.Tags.AddRange(existing.Concat(created));
    }
}
