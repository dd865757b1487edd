using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Redirects;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Import;

// One run of the second pass. It keeps only ids by WordPress name (login, term slug), never
// entities, because the change tracker is cleared between batches.
internal sealed partial class ImportSession(
    BroadsheetDb db, Permalinks permalinks, ImportOptions options, TimeZoneInfo zone, WxrScan scan, ImportReport report, DateTime utcNow,
    WordPressUploads uploads, Accounts.StaffDirectory staff)
{
    private readonly Dictionary<string, int> _authorIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categoryIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _categoryParents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _categorySlugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categoryTermIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tagIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _legacyPathsSeen = new(StringComparer.Ordinal);
    private bool _taxonomyDone;
    private int _nextCommentId;

    public async Task AddAsync(WxrEntry entry, CancellationToken cancellationToken)
    {
        switch (entry)
        {
            case WxrAuthor author:
                await AddAuthorAsync(author, cancellationToken);
                break;
            case WxrCategory category:
                await AddCategoryAsync(category, cancellationToken);
                break;
            case WxrTag tag:
                await AddTagAsync(tag, cancellationToken);
                break;
            case WxrItem item:
                await FinishTaxonomyAsync(cancellationToken);
                await AddItemAsync(item, cancellationToken);
                break;
        }
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FinishTaxonomyAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await SetPageParentsAsync(cancellationToken);
    }

    // A page may come before its parent in the file: parents are set once every page is in.
    private async Task SetPageParentsAsync(CancellationToken cancellationToken)
    {
        foreach (var (postId, page) in scan.Pages)
        {
            var parentId = page.Parent == 0 ? null
                : await db.Articles.Where(a => a.WordPressId == page.Parent && a.Kind == ArticleKind.Page)
                    .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            await db.Articles.Where(a => a.WordPressId == postId && a.Kind == ArticleKind.Page && a.ParentId != parentId)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.ParentId, parentId), cancellationToken);
        }
        await PagePaths.RefreshAsync(db, cancellationToken);
    }

    // Categories may name a parent that comes later in the file; parents are set once all are known.
    private async Task FinishTaxonomyAsync(CancellationToken cancellationToken)
    {
        if (_taxonomyDone)
        {
            return;
        }
        _taxonomyDone = true;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (slug, parentSlug) in _categoryParents)
        {
            int? parentId = parentSlug is not null && _categoryIds.TryGetValue(parentSlug, out var id) ? id : null;
            var categoryId = _categoryIds[slug];
            await db.Categories.Where(c => c.Id == categoryId && c.ParentId != parentId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.ParentId, parentId), cancellationToken);
            await AddLegacyUrlAsync($"/{options.CategoryBase}/{CategoryPath(slug)}/", LegacyTarget.Category, categoryId,
                cancellationToken, Permalinks.Category(_categorySlugs[slug]));
        }
    }

    // "news/local" for category "local" under "news": WordPress's %category% and category URLs.
    private string CategoryPath(string slug)
    {
        var parts = new List<string>();
        for (string? at = slug; at is not null && parts.Count < 20; at = _categoryParents.GetValueOrDefault(at))
        {
            parts.Insert(0, at);
        }
        return string.Join('/', parts);
    }

    private DateTime ToUtc(DateTime? gmt, DateTime? local, DateTime fallback)
    {
        if (gmt is { } utc)
        {
            return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        }
        if (local is not { } wall)
        {
            return fallback;
        }
        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a daylight-saving change cannot be converted; an hour later can.
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(unspecified) ? unspecified.AddHours(1) : unspecified, zone);
    }

    private void Skip(WxrItem item, string why) =>
        report.Skipped.Add(new SkippedEntry(item.Line, $"<item> {item.PostType} {item.PostId}", why));

    // Records an old address unless it is already the new one; the first claim on a path wins.
    private async Task AddLegacyUrlAsync(string path, LegacyTarget target, int targetId, CancellationToken cancellationToken, string? current = null)
    {
        var normalized = OldPermalinks.Normalize(path);
        if (normalized == "/" || (current is not null && OldPermalinks.Normalize(current) == normalized) || !_legacyPathsSeen.Add(normalized))
        {
            return;
        }
        var existing = await db.LegacyUrls.FirstOrDefaultAsync(l => l.Path == normalized, cancellationToken);
        if (existing is null)
        {
            db.LegacyUrls.Add(new LegacyUrl { Path = normalized, Target = target, TargetId = targetId });
            report.LegacyUrls++;
        }
        else if (existing.Target != target || existing.TargetId != targetId)
        {
            (existing.Target, existing.TargetId) = (target, targetId);
        }
    }
}
