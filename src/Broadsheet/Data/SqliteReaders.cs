using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Broadsheet.Data;

// Open SQLite connections for the reader pages' fixed statements, each keeping its statements
// prepared (KeptStatement). A pooled connection disposes its commands when it is closed
// (dotnet/efcore#14044), so every query of every view paid SQLite's parsing and planning. These
// connections stay open instead, outside the pool. A statement is reset as soon as its rows are
// read, so no connection holds a WAL read snapshot between reads: the next read sees every write
// committed before it.
public sealed class SqliteReaders : IDisposable
{
    // A kept connection beyond this many idle ones is closed when returned. A busy machine
    // preempts threads in the middle of reads, so more are in flight than there are cores, and a
    // connection opened anew prepares all its statements again; each costs a few open files and a
    // page cache that grows only with what it reads.
    private static readonly int Kept = Math.Max(16, Environment.ProcessorCount * 4);

    // SQL built per call (a growing list of values) would otherwise keep statements without end.
    private const int StatementsPerConnection = 64;

    // Idle connections, the most recently used on top (its pages still in its cache). Not a
    // ConcurrentBag: a read's awaits move it between threads, so its take mostly stole from another
    // thread's list, and its Count, asked at every return, locked every thread's list at once.
    private readonly Stack<Reader> _idle = new();
    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private int _generation;
    private bool _isDisposed;

    public SqliteReaders(string connectionString)
    {
        // Outside the pool: a closed kept connection must not come back to EF with query_only on.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    public async Task<List<T>> ListAsync<T>(string sql, object?[] values, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reader = Rent();
        var isHealthy = false;
        try
        {
            var rows = reader.Run(sql, values, row, cancellationToken);
            isHealthy = true;
            return rows;
        }
        catch (OperationCanceledException)
        {
            // The statement was reset when its reader was disposed: the connection is as good as before.
            isHealthy = true;
            throw;
        }
        finally
        {
            Return(reader, isHealthy);
        }
    }

    // For whatever replaces the database file or lets go of it: idle connections close now, rented
    // ones when they come back.
    public void Drop()
    {
        Interlocked.Increment(ref _generation);
        CloseIdle();
    }

    public void Dispose()
    {
        Volatile.Write(ref _isDisposed, true);
        CloseIdle();
    }

    // Without SQLite's query planner stability guarantee, the value bound to a parameter in a
    // LIMIT (and in a few other places) guides the plan, so each new binding expired the kept
    // statement and SQLite parsed and planned it again at every read: for a comment page's
    // recursive query and a list page's, more than running them cost. With it, a plan never
    // depends on the values bound, which is what keeping a statement prepared assumes.
    internal static void KeepPlans(SqliteConnection connection) =>
        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);

    private Reader Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _isDisposed), this);
        var generation = Volatile.Read(ref _generation);
        while (TryTakeIdle() is { } reader)
        {
            if (reader.Generation == generation)
            {
                return reader;
            }
            reader.Dispose();
        }
        return Reader.Open(_connectionString, generation);
    }

    // A connection that threw is closed rather than trusted with the next read.
    private void Return(Reader reader, bool isHealthy)
    {
        var isKept = false;
        if (isHealthy && reader.Generation == Volatile.Read(ref _generation))
        {
            lock (_gate)
            {
                if (_idle.Count < Kept)
                {
                    _idle.Push(reader);
                    isKept = true;
                }
            }
        }
        if (!isKept)
        {
            reader.Dispose();
            return;
        }
        // Dropped or disposed meanwhile: that pass may have missed this one.
        if (Volatile.Read(ref _isDisposed) || reader.Generation != Volatile.Read(ref _generation))
        {
            CloseIdle();
        }
    }

    private Reader? TryTakeIdle()
    {
        lock (_gate)
        {
            return _idle.TryPop(out var reader) ? reader : null;
        }
    }

    private void CloseIdle()
    {
        while (TryTakeIdle() is { } reader)
        {
            reader.Dispose();
        }
    }

    // One open connection and its prepared commands, used by one read at a time.
    private sealed class Reader(SqliteConnection connection, int generation) : IDisposable
    {
        private readonly Dictionary<string, KeptStatement> _statements = new(StringComparer.Ordinal);

        public int Generation { get; } = generation;

        public static Reader Open(string connectionString, int generation)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var guard = connection.CreateCommand();
                // These connections only read; should a statement ever try to write, SQLite refuses it.
                guard.CommandText = "PRAGMA query_only=1;";
                guard.ExecuteNonQuery();
                KeepPlans(connection);
                return new Reader(connection, generation);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        // Synchronous on purpose: SQLite answers from the calling thread, and a task per read
        // would only add to it.
        public List<T> Run<T>(string sql, object?[] values, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        {
            var statement = StatementFor(sql, values.Length, out var isKept);
            try
            {
                return statement.List(values, row, cancellationToken);
            }
            finally
            {
                if (!isKept)
                {
                    statement.Dispose();
                }
            }
        }

        private KeptStatement StatementFor(string sql, int valueCount, out bool isKept)
        {
            if (_statements.TryGetValue(sql, out var kept) && kept.ValueCount == valueCount)
            {
                isKept = true;
                return kept;
            }
            var statement = KeptStatement.Prepare(connection, sql, valueCount);
            isKept = _statements.Count < StatementsPerConnection && _statements.TryAdd(sql, statement);
            return statement;
        }

        public void Dispose()
        {
            // Every statement is finalised before its connection closes.
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }
            _statements.Clear();
            connection.Dispose();
        }
    }
}
