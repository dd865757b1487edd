using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Broadsheet.Data;

// Open SQLite connections for the reader pages' fixed statements, each keeping its statements
// prepared. Microsoft.Data.Sqlite prepares a command's SQL at its first execution and only resets,
// re-binds and steps it again while its CommandText and connection stay the same; a pooled
// connection disposes its commands when it is closed (dotnet/efcore#14044), so every query of every
// view paid SQLite's parsing and planning. These connections stay open instead, outside the pool.
// A statement is reset when its reader is disposed, so no connection holds a WAL read snapshot
// between reads: the next read sees every write committed before it.
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
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

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

        // Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway
        // and only add a task per call.
        public List<T> Run<T>(string sql, object?[] values, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        {
            var command = CommandFor(sql, values.Length, out var isKept);
            try
            {
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters[i].Value = values[i] ?? DBNull.Value;
                }
                var rows = new List<T>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        rows.Add(row(reader));
                    }
                }
                return rows;
            }
            finally
            {
                if (!isKept)
                {
                    command.Dispose();
                }
            }
        }

        private SqliteCommand CommandFor(string sql, int parameterCount, out bool isKept)
        {
            if (_commands.TryGetValue(sql, out var kept) && kept.Parameters.Count == parameterCount)
            {
                isKept = true;
                return kept;
            }
            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameterCount; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
            }
            isKept = _commands.Count < StatementsPerConnection && _commands.TryAdd(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
            _commands.Clear();
            connection.Dispose();
        }
    }
}
