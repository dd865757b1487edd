using Broadsheet.Articles;
using Broadsheet.Data;
using Microsoft.Data.Sqlite;

namespace Broadsheet.Tests.Data;

// The kept statements bind and read SQLite themselves (KeptStatement, KeptRow). On a real SQLite
// file, every value a page passes or reads comes out exactly as through Microsoft.Data.Sqlite,
// which the rest of the app (and EF Core's stored form) goes by, and a mistake is a clear error.
public sealed class KeptRowTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("broadsheet-kept-rows-");
    private readonly SqliteConnection _connection;
    private readonly SqliteReaders _readers;

    public KeptRowTests()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder.FullName, "site.db"), Pooling = false }.ToString();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _readers = new SqliteReaders(connectionString);
    }

    public void Dispose()
    {
        _readers.Dispose();
        _connection.Dispose();
        _folder.Delete(recursive: true);
    }

    // DBNull stands for the null a page passes.
    public static TheoryData<object> Values() =>
    [
        DBNull.Value, "", "plain", "Hafen 灯台守 😀 \"quoted\" <b>", 0, -5, int.MaxValue, long.MinValue, true, false, 1.5, -0.25,
        new DateTime(2026, 11, 30, 5, 38, 29, DateTimeKind.Utc), new DateTime(2026, 11, 30, 5, 38, 29, 120, DateTimeKind.Utc),
        new DateTime(2026, 11, 30, 5, 38, 29, DateTimeKind.Utc).AddTicks(1_234_567), new DateTime(2026, 2, 28, 23, 59, 59, DateTimeKind.Unspecified),
        DateTime.MinValue, DateTime.MaxValue,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_value_is_bound_as_the_provider_binds_it(object value)
    {
        const string Sql = "SELECT quote(@p0), typeof(@p0)";
        using var command = _connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("@p0", value);
        using var provider = command.ExecuteReader();
        Assert.True(provider.Read());

        var ours = await _readers.ListAsync(Sql, [value is DBNull ? null : value], row => (Value: row.GetString(0), Type: row.GetString(1)), Cancel);

        Assert.Equal((provider.GetString(0), provider.GetString(1)), Assert.Single(ours));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("NULL")]
    [InlineData("''")]
    [InlineData("'Hafen 灯台守 😀'")]
    [InlineData("-2.5")]
    [InlineData("'2026-11-30 05:38:29.1234567'")]
    [InlineData("'2026-11-30 05:38:29'")]
    [InlineData("'2026-11-30 05:38:29.5'")]
    [InlineData("'2026-11-30 05:38:2é'")]
    [InlineData("'2026-11-30 05:38:29.12345678'")]
    [InlineData("'2026-11-30T05:38:29.123Z'")]
    [InlineData("2461009.5")]
    [InlineData("2461009")]
    [InlineData("'2026-11-30 05:38:29+02:00'")]
    [InlineData("'2026-11-30'")]
    [InlineData("'2026-11-30T05:38:29'")]
    [InlineData("'yesterday'")]
    public async Task A_value_is_read_as_the_provider_reads_it(string literal)
    {
        var sql = $"SELECT {literal}";
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var provider = command.ExecuteReader();
        Assert.True(provider.Read());

        var ours = Assert.Single(await _readers.ListAsync(sql, [], row => new
        {
            IsNull = row.IsDBNull(0),
            Value = row.GetValue(0),
            Text = row.IsDBNull(0) ? null : row.GetString(0),
            Number = row.IsDBNull(0) || row.GetValue(0) is string ? (double?)null : row.GetDouble(0),
            Time = Time(row),
        }, Cancel));

        Assert.Equal(provider.IsDBNull(0), ours.IsNull);
        Assert.Equal(provider.GetValue(0), ours.Value);
        Assert.Equal(provider.IsDBNull(0) ? null : provider.GetString(0), ours.Text);
        Assert.Equal(ours.Number is null ? null : provider.GetDouble(0), ours.Number);
        Assert.Equal(Time(provider), ours.Time);
    }

    // A time as the pages read it, or the kind of failure reading it gives.
    private static string? Time(System.Data.Common.DbDataReader row)
    {
        if (row.IsDBNull(0))
        {
            return null;
        }
        try
        {
            var time = row.ReadTime(0);
            return $"{time:O} {time.Kind}";
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            return e.GetType().Name;
        }
    }

    [Fact]
    public async Task Integers_booleans_and_nulls_read_as_the_pages_expect()
    {
        var row = Assert.Single(await _readers.ListAsync("SELECT 7, 0, 1, NULL, 'x'", [], row => new
        {
            Int = row.GetInt32(0), False = row.GetBoolean(1), True = row.GetBoolean(2),
            Null = row.NullableString(3), NullInt = row.NullableInt32(3), Text = row.NullableString(4), Count = row.FieldCount,
        }, Cancel));

        Assert.Equal(new { Int = 7, False = false, True = true, Null = (string?)null, NullInt = (int?)null, Text = (string?)"x", Count = 5 }, row);
    }

    [Fact]
    public async Task Mistakes_are_clear_errors_and_the_connection_reads_on()
    {
        var nullText = await Assert.ThrowsAsync<InvalidOperationException>(() => _readers.ListAsync("SELECT NULL", [], row => row.GetString(0), Cancel));
        var nullNumber = await Assert.ThrowsAsync<InvalidOperationException>(() => _readers.ListAsync("SELECT NULL", [], row => row.GetInt64(0), Cancel));
        var unbound = await Assert.ThrowsAsync<ArgumentException>(() => _readers.ListAsync("SELECT @p0, @p1", [1], row => 0, Cancel));
        var twoStatements = await Assert.ThrowsAsync<ArgumentException>(() => _readers.ListAsync("SELECT 1; SELECT 2", [], row => 0, Cancel));
        var unknownType = await Assert.ThrowsAsync<ArgumentException>(() => _readers.ListAsync("SELECT @p0", [Guid.Empty], row => 0, Cancel));
        var bySyntax = await Assert.ThrowsAsync<SqliteException>(() => _readers.ListAsync("SELEC 1", [], row => 0, Cancel));

        Assert.Contains("NULL", nullText.Message, StringComparison.Ordinal);
        Assert.Contains("NULL", nullNumber.Message, StringComparison.Ordinal);
        Assert.Contains("@p1", unbound.Message, StringComparison.Ordinal);
        Assert.Contains("one statement", twoStatements.Message, StringComparison.Ordinal);
        Assert.Contains("Guid", unknownType.Message, StringComparison.Ordinal);
        Assert.Contains("syntax error", bySyntax.Message, StringComparison.Ordinal);
        Assert.Equal([3], await _readers.ListAsync("SELECT @p0 + @p1", [1, 2], row => row.GetInt32(0), Cancel));
    }
}
