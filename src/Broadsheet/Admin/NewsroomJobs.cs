using Broadsheet.Admin.Audit;
using Broadsheet.Admin.Comments;
using Broadsheet.Articles;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Admin;

// The newsroom's clockwork, once a minute (Jobs:IntervalSeconds) on every node: publish scheduled articles whose time has
// come, and purge old spam and trash. Each step claims its rows with a conditional UPDATE or
// DELETE in the database, so several nodes running it at once never publish an article twice.
public sealed partial class NewsroomJobs(
    IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<NewsroomJobs> logger) : BackgroundService
{
    // Operator setting Jobs:IntervalSeconds (default 60): how late a scheduled article may go live.
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Jobs:IntervalSeconds", 60), 1, 86_400));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            // The loop never ends on a failure: what is due now is still due at the next pass.
            catch (Exception e) when (Shared.DatabaseOutage.IsOutage(e))
            {
                DatabaseAway(logger, e.GetBaseException().Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                JobsFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The newsroom jobs cannot reach the database ({Reason}); they run again at the next pass.")]
    private static partial void DatabaseAway(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The newsroom jobs failed; they run again at the next pass.")]
    private static partial void JobsFailed(ILogger logger, Exception exception);

    // One pass; tests call it directly after moving the clock. Returns the number of articles published.
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var published = await PublishDueAsync(db, audit, time.GetUtcNow().UtcDateTime, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ModerationQueue>().PurgeAsync(cancellationToken);
        return published;
    }

    private static async Task<int> PublishDueAsync(BroadsheetDb db, AuditLog audit, DateTime now, CancellationToken cancellationToken)
    {
        var due = await db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var article in due)
        {
            // The claim and its audit line commit together: a database lost between them leaves neither.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim: only the node whose UPDATE changes the row publishes (and records) it.
            var claimed = await db.Articles
                .Where(a => a.Id == article.Id && a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published), cancellationToken);
            if (claimed == 1)
            {
                await audit.RecordAsync("schedule", "article.published", $"#{article.Id} {article.Title}", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            published += claimed;
        }
        return published;
    }
}
