using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Broadsheet.Data;

// One of the reader pages' fixed statements, prepared once on a kept connection (SqliteReaders)
// and run again and again. SQLite is asked directly, not through a SqliteCommand: Microsoft.Data.
// Sqlite's reader asks SQLite three or four times per value it hands out (is there a row, what
// type is it, the value, its length), and a comment page reads some 500 values; here a value is
// one or two calls (KeptRow). Binding follows Microsoft.Data.Sqlite's rules for the types the
// pages pass (a time is text in EF Core's stored form), and a busy database is waited for the way
// its commands wait.
internal sealed class KeptStatement : IDisposable
{
    // As a SqliteCommand's default timeout; a read in WAL mode meets SQLITE_BUSY only while
    // another connection sets up or recovers the WAL index, so this is a bound, not a wait anyone sees.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    // Shorter than the provider's 150 ms: what keeps a reader busy here lasts milliseconds.
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(10);

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    // For each value @pN, its SQLite parameter index (0 where the statement does not use it).
    private readonly int[] _indexes;

    private KeptStatement(SqliteConnection connection, sqlite3_stmt statement, int[] indexes)
    {
        _connection = connection;
        _statement = statement;
        _indexes = indexes;
    }

    public int ValueCount => _indexes.Length;

    public static KeptStatement Prepare(SqliteConnection connection, string sql, int valueCount)
    {
        // Preparing reads the schema, and a connection opened while others open theirs can find the
        // WAL index being set up (SQLITE_BUSY): waited for, as the provider's commands wait.
        sqlite3_stmt statement;
        string tail;
        var started = Stopwatch.GetTimestamp();
        int rc;
        while ((rc = raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out tail)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
            && Stopwatch.GetElapsedTime(started) < BusyTimeout)
        {
            statement?.Dispose();
            Thread.Sleep(BusyPause);
        }
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        try
        {
            if (statement is null || statement.IsInvalid || !string.IsNullOrWhiteSpace(tail))
            {
                throw new ArgumentException("A page read is exactly one statement.", nameof(sql));
            }
            var indexes = new int[valueCount];
            for (var i = 0; i < valueCount; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(statement, "@p" + i.ToString(CultureInfo.InvariantCulture));
            }
            // As a command would refuse it: a parameter in the SQL that no value fills.
            var count = raw.sqlite3_bind_parameter_count(statement);
            for (var index = 1; index <= count; index++)
            {
                if (Array.IndexOf(indexes, index) < 0)
                {
                    throw new ArgumentException($"The statement's parameter {raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string()} has no value.", nameof(sql));
                }
            }
            return new KeptStatement(connection, statement, indexes);
        }
        catch
        {
            statement?.Dispose();
            throw;
        }
    }

    public List<T> List<T>(object?[] values, Func<DbDataReader, T> row, CancellationToken cancellationToken)
    {
        Debug.Assert(values.Length == _indexes.Length);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (_indexes[i] > 0)
                {
                    Bind(_indexes[i], values[i]);
                }
            }
            var rows = new List<T>();
            var reader = new KeptRow(_statement);
            var rc = FirstStep();
            while (rc == raw.SQLITE_ROW)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(row(reader));
                rc = raw.sqlite3_step(_statement);
            }
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
            return rows;
        }
        finally
        {
            // Reset at once, so that no read snapshot outlives the read (and the next read sees
            // every write committed before it).
            raw.sqlite3_reset(_statement);
        }
    }

    private int FirstStep()
    {
        var started = Stopwatch.GetTimestamp();
        int rc;
        while ((rc = raw.sqlite3_step(_statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED
            && Stopwatch.GetElapsedTime(started) < BusyTimeout)
        {
            raw.sqlite3_reset(_statement);
            Thread.Sleep(BusyPause);
        }
        return rc;
    }

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => raw.sqlite3_bind_text(_statement, index, text),
            int number => raw.sqlite3_bind_int64(_statement, index, number),
            long number => raw.sqlite3_bind_int64(_statement, index, number),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_statement, index, number),
            // EF Core's stored form, which Microsoft.Data.Sqlite also binds a DateTime as.
            DateTime time => raw.sqlite3_bind_text(_statement, index,
                time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"A page read cannot bind a {value.GetType().Name}.", nameof(value)),
        };
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
    }

    public void Dispose() => _statement.Dispose();
}
