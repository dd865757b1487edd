using System.Globalization;
using Broadsheet.Data;
using Microsoft.Data.Sqlite;

namespace Broadsheet.Tests.Data;

// The reader pages' own reading of SQLite's stored times against the provider's GetDateTime, on a
// real SQLite file: the same instant and the same Kind for every form a value may have been stored
// in, and a clear "unreadable" for text that is no time at all.
public sealed class StoredTimesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("broadsheet-times-");
    private readonly SqliteConnection _connection;

    public StoredTimesTests()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder.FullName, "site.db"), Pooling = false,
        }.ToString());
        _connection.Open();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Delete(recursive: true);
    }

    // The value as stored, read once by the provider and once by StoredTimes.
    private (DateTime Provider, DateTime Ours) Read(object stored)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT @p0, @p0";
        command.Parameters.AddWithValue("@p0", stored);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetDateTime(0), reader.ReadTime(1));
    }

    private DateTime? TryRead(object stored)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT @p0";
        command.Parameters.AddWithValue("@p0", stored);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return reader.TryReadTime(0);
    }

    [Theory]
    [InlineData("2026-11-30 05:38:29")]
    [InlineData("2026-11-30 05:38:29.1")]
    [InlineData("2026-11-30 05:38:29.05")]
    [InlineData("2026-11-30 05:38:29.1234567")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    [InlineData("2024-02-29 12:00:00")]
    // Forms older versions, imports or outside tools may have left: the provider reads them.
    [InlineData("2026-11-30T05:38:29")]
    [InlineData("2026-11-30T05:38:29.123Z")]
    [InlineData("2026-11-30 05:38:29+02:00")]
    [InlineData("2026-11-30 05:38")]
    [InlineData("2026-11-30")]
    public void A_stored_time_reads_as_the_provider_reads_it(string stored)
    {
        var (provider, ours) = Read(stored);

        Assert.Equal(provider, ours);
        Assert.Equal(provider.Kind, ours.Kind);
    }

    [Fact]
    public void Every_time_the_provider_writes_reads_back_the_same()
    {
        var start = new DateTime(2026, 11, 30, 5, 38, 29, DateTimeKind.Utc);
        foreach (var ticks in new long[] { 0, 1, 10, 1_000, 1_234_567, 5_000_000, 9_999_999 })
        {
            var written = start.AddTicks(ticks);
            var (provider, ours) = Read(written);

            Assert.Equal(written.Ticks, ours.Ticks);
            Assert.Equal(provider, ours);
            Assert.Equal(provider.Kind, ours.Kind);
        }
    }

    [Fact]
    public void A_julian_day_number_is_left_to_the_provider()
    {
        var (provider, ours) = Read(2461009.5);

        Assert.Equal(provider, ours);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-02-30 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-11-30 24:00:00")]
    [InlineData("")]
    public void Text_that_is_no_time_is_unreadable_rather_than_an_exception(string stored)
    {
        Assert.Null(TryRead(stored));
        Assert.False(StoredTimes.TryParse(stored, out _));
    }

    [Theory]
    [InlineData("2026-11-30 05:38:29", "2026-11-30T05:38:29.0000000")]
    [InlineData("2026-11-30 05:38:29.5", "2026-11-30T05:38:29.5000000")]
    [InlineData("2026-11-30 05:38:29.0000001", "2026-11-30T05:38:29.0000001")]
    [InlineData("2026-01-02 03:04:05.0600000", "2026-01-02T03:04:05.0600000")]
    public void The_stored_form_is_parsed_to_the_tick(string stored, string expected)
    {
        Assert.True(StoredTimes.TryParse(stored, out var time));

        Assert.Equal(expected, time.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeKind.Unspecified, time.Kind);
    }

    [Theory]
    [InlineData("2026-11-30 05:38:29.12345678")]
    [InlineData("2026-11-30 05:38:2x")]
    [InlineData("2026/11/30 05:38:29")]
    [InlineData("+026-11-30 05:38:29")]
    public void Anything_but_the_stored_form_is_not_parsed_here(string stored)
    {
        Assert.False(StoredTimes.TryParse(stored, out _));
    }
}
