using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Broadsheet.Data;

// The current row of a KeptStatement, as the DbDataReader the pages' row readers take. A value is
// read with one call into SQLite (two for text: the bytes, then their length), straight from the
// bundled library: these calls only copy out of the row SQLite already holds, so they skip the
// runtime's GC transition and the safe-handle bookkeeping a call through SQLitePCL costs, which
// was more than the read itself. The statement stays alive (its KeptStatement holds it) for as
// long as a row is read. Only what a row reader asks for is here; the rest says so.
internal sealed class KeptRow(sqlite3_stmt statement) : DbDataReader
{
    private readonly IntPtr _handle = statement.DangerousGetHandle();

    public override int FieldCount => Columns.Count(_handle);

    public override bool IsDBNull(int ordinal) => Columns.Type(_handle, ordinal) == raw.SQLITE_NULL;

    public override long GetInt64(int ordinal) => IsDBNull(ordinal) ? throw Null(ordinal) : Columns.Int64(_handle, ordinal);

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal) => IsDBNull(ordinal) ? throw Null(ordinal) : Columns.Double(_handle, ordinal);

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override string GetString(int ordinal)
    {
        // A NULL has no text (and SQLite answers a null pointer); an empty text is a valid pointer.
        var text = Columns.Text(_handle, ordinal);
        return text == IntPtr.Zero ? throw Null(ordinal) : Marshal.PtrToStringUTF8(text, Columns.Bytes(_handle, ordinal));
    }

    // A time in EF Core's stored form, read from SQLite's own text without making a string of it
    // (a comment page reads one per comment); anything else as GetDateTime reads it.
    public DateTime ReadTime(int ordinal)
    {
        var text = Columns.Text(_handle, ordinal);
        var length = text == IntPtr.Zero ? 0 : Columns.Bytes(_handle, ordinal);
        if (length is >= StoredTimes.ShortestForm and <= StoredTimes.LongestForm)
        {
            Span<char> chars = stackalloc char[length];
            for (var i = 0; i < length; i++)
            {
                // Bytes past ASCII make no digit or separator, so they fail the parse as they should.
                chars[i] = (char)Marshal.ReadByte(text, i);
            }
            if (StoredTimes.TryParse(chars, out var time))
            {
                return time;
            }
        }
        return GetDateTime(ordinal);
    }

    // As Microsoft.Data.Sqlite reads a time: a number is a Julian day, text is parsed. The stored
    // form never gets here (StoredTimes reads it first); this is for what an outside tool wrote.
    public override DateTime GetDateTime(int ordinal) => Columns.Type(_handle, ordinal) switch
    {
        raw.SQLITE_INTEGER or raw.SQLITE_FLOAT => FromJulianDay(Columns.Double(_handle, ordinal)),
        _ => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
    };

    public override object GetValue(int ordinal) => Columns.Type(_handle, ordinal) switch
    {
        raw.SQLITE_INTEGER => Columns.Int64(_handle, ordinal),
        raw.SQLITE_FLOAT => Columns.Double(_handle, ordinal),
        raw.SQLITE_NULL => DBNull.Value,
        _ => GetString(ordinal),
    };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }
        return count;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => throw NotHere();

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override bool NextResult() => throw NotHere();

    public override bool Read() => throw NotHere();

    public override string GetName(int ordinal) => throw NotHere();

    public override int GetOrdinal(string name) => throw NotHere();

    public override string GetDataTypeName(int ordinal) => throw NotHere();

    public override Type GetFieldType(int ordinal) => throw NotHere();

    public override char GetChar(int ordinal) => throw NotHere();

    public override decimal GetDecimal(int ordinal) => throw NotHere();

    public override Guid GetGuid(int ordinal) => throw NotHere();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw NotHere();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw NotHere();

    public override IEnumerator GetEnumerator() => throw NotHere();

    private static DateTime FromJulianDay(double day) =>
        new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Unspecified).AddMilliseconds(Math.Round((day - 2451545.0) * 86_400_000));

    private static InvalidOperationException Null(int ordinal) =>
        new($"The value in column {ordinal.ToString(CultureInfo.InvariantCulture)} is NULL.");

    private static NotSupportedException NotHere() =>
        new("A page read's row gives its values by position, one row at a time.");

    // The bundled SQLite's column functions, called directly. SuppressGCTransition is sound for
    // them: they return at once, never block on another thread's lock (each connection is used by
    // one read at a time) and never call back into .NET.
    private static class Columns
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library, EntryPoint = "sqlite3_column_count", ExactSpelling = true), SuppressGCTransition]
        public static extern int Count(IntPtr statement);

        [DllImport(Library, EntryPoint = "sqlite3_column_type", ExactSpelling = true), SuppressGCTransition]
        public static extern int Type(IntPtr statement, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_int64", ExactSpelling = true), SuppressGCTransition]
        public static extern long Int64(IntPtr statement, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_double", ExactSpelling = true), SuppressGCTransition]
        public static extern double Double(IntPtr statement, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_text", ExactSpelling = true), SuppressGCTransition]
        public static extern IntPtr Text(IntPtr statement, int column);

        [DllImport(Library, EntryPoint = "sqlite3_column_bytes", ExactSpelling = true), SuppressGCTransition]
        public static extern int Bytes(IntPtr statement, int column);
    }
}
