using Broadsheet.Comments;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Settings;

// The stored SiteSettings row, cached for a short while: every node re-reads it at most every 30
// seconds (and at once after its own save), so the database stays the one source of truth.
// Existing readers of IOptions<SiteOptions> and IOptions<CommentOptions> see the edited values
// through EditedOptions below, without knowing where they come from.
public sealed class EditorSettings(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(SiteSettings? Stored, DateTimeOffset LoadedAt);

    public SiteSettings? Stored => _snapshot?.Stored;

    public async Task RefreshIfStaleAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } snapshot && time.GetUtcNow() - snapshot.LoadedAt < Lifetime)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        try
        {
            Remember(await db.Set<SiteSettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken));
        }
        catch (Exception e) when (_snapshot is { } stale && DatabaseOutage.IsOutage(e))
        {
            // The database is away: the settings read last stay in force (cached pages are still
            // served), and are asked again in a few seconds rather than on every request.
            _snapshot = stale with { LoadedAt = time.GetUtcNow() - Lifetime + RetryWhileAway };
        }
    }

    private static readonly TimeSpan RetryWhileAway = TimeSpan.FromSeconds(5);

    public void Remember(SiteSettings? stored) => _snapshot = new Snapshot(stored, time.GetUtcNow());
}

// IOptions<T> for settings the editors may override: the operator's value, with the stored row
// applied on top when there is one.
internal sealed class EditedSiteOptions(IOptionsMonitor<SiteOptions> operatorOptions, EditorSettings settings) : IOptions<SiteOptions>
{
    public SiteOptions Value => settings.Stored?.ApplyTo(operatorOptions.CurrentValue) ?? operatorOptions.CurrentValue;
}

internal sealed class EditedCommentOptions(IOptionsMonitor<CommentOptions> operatorOptions, EditorSettings settings) : IOptions<CommentOptions>
{
    public CommentOptions Value => settings.Stored?.ApplyTo(operatorOptions.CurrentValue) ?? operatorOptions.CurrentValue;
}

// Brings the cache up to date before a request reads any setting.
internal sealed class EditorSettingsRefresh(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, EditorSettings settings)
    {
        await settings.RefreshIfStaleAsync(context.RequestAborted);
        await next(context);
    }
}
