using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Broadsheet.Bench;

// One statement's cost on a site's file, run as the app's kept reader connections run it (the
// app's bundled SQLite, query_only, plans kept whatever the values: Data/SqliteReaders), so that
// a page's statements can be compared between a small and a large site without the app's own
// cost around them. The sqlite3 shell is another SQLite version, whose plans can differ.
internal static class StatementTimer
{
    public static void Run(string database, string sql, int runs, IReadOnlyList<string> values)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), Value(values[i])));
        }
        long rows = 0;
        void Once()
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
            }
        }
        // The first runs fill the connection's page cache, as the app's long-lived connections have.
        for (var i = 0; i < Math.Min(runs, 200); i++)
        {
            Once();
        }
        rows = 0;
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_HIT, out _, out _, 1);
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out _, out _, 1);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            Once();
        }
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_HIT, out var hits, out _, 0);
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SQLite {raw.sqlite3_libversion().utf8_to_string()}: {cpu.TotalMicroseconds / runs:F1} µs CPU, {clock.Elapsed.TotalMicroseconds / runs:F1} µs wall, {(double)rows / runs:F0} rows, {(double)hits / runs:F0} page reads ({(double)misses / runs:F1} from the file) per run"));
    }

    // Whole numbers bind as integers and "null" as NULL; anything else is text (dates as the app stores them).
    private static object Value(string text) =>
        text == "null" ? DBNull.Value
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : text;
}
