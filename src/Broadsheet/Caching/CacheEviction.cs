using System.Data.Common;
using System.Runtime.CompilerServices;
using Broadsheet.Articles;
using Broadsheet.Authors;
using Broadsheet.Comments;
using Broadsheet.Taxonomy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Broadsheet.Caching;

// Evicts cached pages whenever what they show changes, whoever changes it (a reader's comment,
// the back office, an importer, a background job): it watches the database writes themselves, so
// no feature can forget to. Tracked saves evict precisely (one article's page, the lists);
// bulk statements (ExecuteUpdate/Delete, raw SQL) on content tables evict every page. Inside a
// transaction, eviction waits for the commit, so no reader can re-cache the old page meanwhile.
internal sealed class CacheEviction(IOutputCacheStore store, ListChanges changes) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] ContentTables =
        ["\"Articles\"", "\"Comments\"", "\"Categories\"", "\"Tags\"", "\"Authors\"", "\"ArticleTags\"", "\"ArticleCategories\"", "\"SiteSettings\"", "\"LegacyUrls\""];

    private readonly ConditionalWeakTable<DbContext, List<(object Entity, EntityState State)>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        FlushUnlessInTransaction(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        await FlushUnlessInTransaction(eventData.Context, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Bulk(command, eventData);
        FlushUnlessInTransaction(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Bulk(command, eventData);
        await FlushUnlessInTransaction(eventData.Context, cancellationToken);
        return result;
    }

    // Comments stored straight on the connection (CommentInsert) pass no interceptor: their writer
    // names the articles of the comments that show, whose pages and the lists go when its
    // transaction commits.
    public void Written(DbContext context, IReadOnlyCollection<int> articleIds)
    {
        if (articleIds.Count == 0)
        {
            return;
        }
        var tags = _pending.GetOrCreateValue(context);
        foreach (var id in articleIds)
        {
            tags.Add(CacheTags.Article(id));
        }
        tags.Add(CacheTags.Lists);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => Flush(eventData.Context, cancellationToken).AsTask();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // Entries are read before saving (afterwards they are all Unchanged) and tagged after it
    // (only then do new rows have their ids).
    private void Remember(DbContext? context)
    {
        if (context is not null)
        {
            _saving.AddOrUpdate(context, [.. context.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => (e.Entity, e.State))]);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var entries))
        {
            return;
        }
        _saving.Remove(context);
        var tags = _pending.GetOrCreateValue(context);
        foreach (var (entity, state) in entries)
        {
            if (!IsHidden(entity, state))
            {
                TagsFor(entity, tags);
            }
        }
    }

    // A new comment that is not approved (held for moderation, or spam) shows on no shared page:
    // its author sees it on pages that bypass the cache, and the counts are of approved comments.
    // Evicting for it would let a flood of spam keep the article and every list uncached.
    internal static bool IsHidden(object entity, EntityState state) =>
        state == EntityState.Added && entity is Comment { Status: not CommentStatus.Approved };

    private static void TagsFor(object entity, HashSet<string> tags)
    {
        switch (entity)
        {
            case Article article:
                tags.Add(CacheTags.Article(article.Id));
                tags.Add(CacheTags.Lists);
                break;
            case Comment comment:
                tags.Add(CacheTags.Article(comment.ArticleId));
                tags.Add(CacheTags.Lists);
                break;
            case Category or Tag or Author or Settings.SiteSettings:
                tags.Add(ReaderPagePolicy.AllPagesTag);
                break;
            // An old address is asked after the cache (LegacyRedirects), and one may be the address
            // of a page stored there (a renamed duplicate slug keeps its date): that page must go for
            // the redirect to be seen. Only imports and restores write them, so every page goes.
            case Redirects.LegacyUrl:
                tags.Add(ReaderPagePolicy.AllPagesTag);
                break;
            // A tag (ArticleTags: ArticlesId) or a secondary section (ArticleCategories: ArticleId)
            // added or taken away: the article shows it, and every list may gain or lose the
            // article (section archives are lists, so the sections' archives go with them).
            case Dictionary<string, object> join when (join.GetValueOrDefault("ArticlesId") ?? join.GetValueOrDefault("ArticleId")) is int id:
                tags.Add(CacheTags.Article(id));
                tags.Add(CacheTags.Lists);
                break;
        }
    }

    private void Bulk(DbCommand command, CommandExecutedEventData eventData)
    {
        if (eventData.Context is { } context
            && eventData.CommandSource is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw
            && ContentTables.Any(table => command.CommandText.Contains(table, StringComparison.OrdinalIgnoreCase)))
        {
            _pending.GetOrCreateValue(context).Add(ReaderPagePolicy.AllPagesTag);
        }
    }

    private ValueTask FlushUnlessInTransaction(DbContext? context, CancellationToken cancellationToken) =>
        context?.Database.CurrentTransaction is null ? Flush(context, cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask Flush(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var tag in tags)
        {
            changes.Evicted(tag);
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
