using Broadsheet.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Broadsheet.Tests.Data;

// The kept reader connections on a real SQLite file in WAL mode: what a read that is cancelled or
// fails leaves behind, that they never write, and that they let go of the file when told to.
public sealed class SqliteReadersTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("broadsheet-readers-");

    private string File => Path.Combine(_folder.FullName, "site.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString();

    private const string Numbers = "SELECT \"N\" FROM \"Numbers\" WHERE \"N\" > @p0 ORDER BY \"N\"";

    public SqliteReadersTests()
    {
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE \"Numbers\" (\"N\" INTEGER NOT NULL);"
            + "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100) INSERT INTO \"Numbers\" SELECT n FROM s;");
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Task<List<long>> NumbersAsync(SqliteReaders readers, long above, CancellationToken cancellationToken) =>
        readers.ListAsync(Numbers, [above], reader => reader.GetInt64(0), cancellationToken);

    [Fact]
    public async Task A_read_sees_what_was_written_since_the_last_one()
    {
        using var readers = new SqliteReaders(ConnectionString);
        var before = await NumbersAsync(readers, 98, Cancel);

        Execute("INSERT INTO \"Numbers\" VALUES (101);");
        var after = await NumbersAsync(readers, 98, Cancel);

        Assert.Equal([99, 100], before);
        Assert.Equal([99, 100, 101], after);
    }

    [Fact]
    public async Task A_read_cancelled_midway_leaves_its_connection_fit_for_the_next()
    {
        using var readers = new SqliteReaders(ConnectionString);
        using var cancelling = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => readers.ListAsync(Numbers, [0L], reader =>
        {
            cancelling.Cancel();
            return reader.GetInt64(0);
        }, cancelling.Token));
        // A writer is not kept waiting by a snapshot the cancelled read might have held.
        Execute("INSERT INTO \"Numbers\" VALUES (101); PRAGMA wal_checkpoint(TRUNCATE);");
        var next = await NumbersAsync(readers, 99, Cancel);

        Assert.Equal([100, 101], next);
    }

    [Fact]
    public async Task A_read_that_fails_is_reported_and_the_next_one_works()
    {
        using var readers = new SqliteReaders(ConnectionString);

        await Assert.ThrowsAsync<SqliteException>(() => readers.ListAsync("SELECT \"Missing\" FROM \"Numbers\"", [], reader => 0, Cancel));
        await Assert.ThrowsAsync<FormatException>(() => readers.ListAsync(Numbers, [0L], long (_) => throw new FormatException("unreadable row"), Cancel));

        Assert.Equal([100], await NumbersAsync(readers, 99, Cancel));
    }

    [Fact]
    public async Task Its_connections_refuse_to_write()
    {
        using var readers = new SqliteReaders(ConnectionString);

        var refused = await Assert.ThrowsAsync<SqliteException>(() =>
            readers.ListAsync("DELETE FROM \"Numbers\" RETURNING \"N\"", [], reader => reader.GetInt64(0), Cancel));

        Assert.Contains("readonly", refused.Message, StringComparison.Ordinal);
        Assert.Equal(100, (await NumbersAsync(readers, 0, Cancel)).Count);
    }

    // Observed through SQLite's own count of a statement's re-preparations: nothing a reader sees
    // changes, only whether SQLite parses and plans the statement again at every read.
    [Fact]
    public void A_kept_statement_with_a_limit_is_planned_once_whatever_values_are_bound()
    {
        const string FirstOnes = "SELECT \"N\" FROM \"Numbers\" WHERE \"N\" > @p0 ORDER BY \"N\" LIMIT @p1";

        var planned = Reprepares(FirstOnes, keepPlans: true);
        var unguarded = Reprepares(FirstOnes, keepPlans: false);

        Assert.Equal(0, planned);
        Assert.True(unguarded > 0, "SQLite no longer plans by a LIMIT's value: this test no longer shows anything");
    }

    private const int StatementReprepares = 5; // SQLITE_STMTSTATUS_REPREPARE, which SQLitePCLRaw does not name

    private int Reprepares(string sql, bool keepPlans)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        if (keepPlans)
        {
            SqliteReaders.KeepPlans(connection);
        }
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            for (var i = 1; i <= 3; i++)
            {
                raw.sqlite3_bind_int64(statement, 1, i);
                raw.sqlite3_bind_int64(statement, 2, i);
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                }
                raw.sqlite3_reset(statement);
            }
            return raw.sqlite3_stmt_status(statement, StatementReprepares, 0);
        }
    }

    // A read that finds the file locked (here a writer's exclusive lock in rollback-journal mode;
    // in WAL mode, a connection setting up the WAL index) waits for it, both to prepare its
    // statement and to run it, instead of failing the page.
    [Fact]
    public async Task A_read_waits_for_a_locked_file_and_then_answers()
    {
        var locked = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.FullName, "locked.db"), Pooling = false }.ToString();
        using var writer = new SqliteConnection(locked);
        writer.Open();
        using (var create = writer.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE \"Numbers\" (\"N\" INTEGER NOT NULL); INSERT INTO \"Numbers\" VALUES (1), (2);";
            create.ExecuteNonQuery();
        }
        using var readers = new SqliteReaders(locked);
        using (var hold = writer.CreateCommand())
        {
            hold.CommandText = "BEGIN EXCLUSIVE;";
            hold.ExecuteNonQuery();
        }

        var reading = Task.Run(() => NumbersAsync(readers, 0, Cancel), Cancel);
        await Task.Delay(300, Cancel);
        var waited = !reading.IsCompleted;
        using (var release = writer.CreateCommand())
        {
            release.CommandText = "INSERT INTO \"Numbers\" VALUES (3); COMMIT;";
            release.ExecuteNonQuery();
        }

        Assert.True(waited, "the read should wait while the file is locked");
        Assert.Equal([1, 2, 3], await reading);
    }

    [Fact]
    public async Task Many_reads_at_once_each_get_their_own_rows()
    {
        using var readers = new SqliteReaders(ConnectionString);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => NumbersAsync(readers, i, Cancel), Cancel)));

        Assert.All(results.Select((rows, i) => (rows, i)), r => Assert.Equal(Enumerable.Range(r.i + 1, 100 - r.i).Select(n => (long)n), r.rows));
    }

    [Fact]
    public async Task Dropped_or_disposed_they_let_go_of_the_file()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Open files are counted in /proc.");
        var readers = new SqliteReaders(ConnectionString);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => NumbersAsync(readers, 0, Cancel), Cancel)));
        var whileKept = OpenHandles();

        readers.Drop();
        var afterDrop = OpenHandles();
        await NumbersAsync(readers, 0, Cancel);
        var reopened = OpenHandles();
        readers.Dispose();

        Assert.True(whileKept > 0);
        Assert.Equal(0, afterDrop);
        Assert.True(reopened > 0);
        Assert.Equal(0, OpenHandles());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => NumbersAsync(readers, 0, Cancel));
    }

    private int OpenHandles() => new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
        .Count(fd => fd.LinkTarget is { } target && target.StartsWith(File, StringComparison.Ordinal));

    public void Dispose() => _folder.Delete(recursive: true);
}
