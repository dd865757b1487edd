using System.Threading.Channels;
using Broadsheet.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Broadsheet.Comments;

// Group commit: every accepted-looking comment of this node goes through one queue to one writer,
// which decides and stores whatever has queued up meanwhile in a single transaction, so a burst
// of comments costs one commit (one fsync) instead of one each. Each poster waits for the commit
// of its batch before being answered: a 303 always means the comment is stored. If the batch
// fails, nothing of it is stored and every one of its posters is told to try again (503).
// On PostgreSQL the same writer is used: it saves the same commits, and the checks stay in order.
// Several nodes each have a writer: on PostgreSQL their batches take turns (a transaction-scoped
// advisory lock), so that the flood and duplicate checks of one node see what another just stored;
// under READ COMMITTED alone, two nodes' batches running at once would both pass the same check.
public sealed partial class CommentWriter(IServiceScopeFactory scopes, TimeProvider time, ILogger<CommentWriter> logger) : BackgroundService
{
    // Large enough to take a burst in one commit, small enough that one transaction stays short.
    private const int MaxBatch = 256;

    // Any constant shared by all nodes and distinct from the migration lock's: "Comments" in ASCII.
    private const long BatchLockKey = 0x436f6d6d656e7473;

    public static readonly CommentOutcome Unavailable = new CommentOutcome.Refused(
        StatusCodes.Status503ServiceUnavailable, CommentMessages.TryAgain, TimeSpan.FromSeconds(1));

    private readonly Channel<Submission> _queue = Channel.CreateBounded<Submission>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // RenderedHtml: the comment's HTML, made by the poster's own request before it queues, so that
    // the sanitiser's work is spread over the request threads instead of waiting in the one writer.
    public sealed record Submission(int ArticleId, CommentForm Form, CommentIntake.Sender Sender, string RenderedHtml)
    {
        internal TaskCompletionSource<CommentOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<CommentOutcome> WriteAsync(Submission submission, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(submission, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return Unavailable; // The app is stopping.
        }
        // Not cancelled with the request: once queued, the comment is decided and maybe stored anyway.
        return await submission.Answer.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Submission>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var submission))
                {
                    batch.Add(submission);
                }
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the batch in hand was finished above; what is still queued was never written.
        }
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
        {
            left.Answer.TrySetResult(Unavailable);
        }
    }

    // A batch in progress is never cancelled: stopping halfway would leave its posters unanswered.
    private async Task WriteBatchAsync(List<Submission> batch)
    {
        var outcomes = new CommentOutcome[batch.Count];
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<BroadsheetDb>();
            var decisions = new CommentBatch(db, services.GetRequiredService<Moderation>(),
                services.GetRequiredService<IOptions<CommentOptions>>().Value, time.GetUtcNow().UtcDateTime);
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (db.Database.IsNpgsql())
            {
                // Released by the commit or rollback; the checks below run after it is held.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BatchLockKey})", CancellationToken.None);
            }
            outcomes = await decisions.DecideAsync(batch, CancellationToken.None);
            await CommentInsert.StoreAsync(db, [.. outcomes.OfType<CommentOutcome.Accepted>().Select(a => a.Comment)],
                services.GetRequiredService<Caching.CacheEviction>(), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            BatchStored(logger, batch.Count);
        }
#pragma warning disable CA1031 // Whatever failed, the writer must live on and every poster must get an answer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            BatchFailed(logger, e, batch.Count);
            Array.Fill(outcomes, Unavailable);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Answer.TrySetResult(outcomes[i]);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Stored a batch of {Count} comments in one commit")]
    private static partial void BatchStored(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "A batch of {Count} comments could not be stored; each poster was asked to try again")]
    private static partial void BatchFailed(ILogger logger, Exception exception, int count);
}
