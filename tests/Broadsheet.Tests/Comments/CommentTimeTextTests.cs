using System.Globalization;
using Broadsheet.Shared;

namespace Broadsheet.Tests.Comments;

public class CommentTimeTextTests
{
    public static TheoryData<string, int> Times => new()
    {
        { "2026-11-30T09:05:07", 0 },
        { "2026-01-01T00:00:00", 60 },
        { "2026-07-09T23:59:59", -300 },
        { "2026-03-29T01:30:00", 330 },
        { "2026-12-31T12:00:00", -570 },
        { "0987-05-04T03:02:01", 840 },
    };

    private static DateTimeOffset At(string local, int offsetMinutes) =>
        new(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromMinutes(offsetMinutes));

    [Theory]
    [MemberData(nameof(Times))]
    public void Each_format_writes_what_the_runtime_writes_for_the_same_pattern(string local, int offsetMinutes)
    {
        var time = At(local, offsetMinutes);
        Span<char> text = stackalloc char[TimeText.MaxLength];

        Assert.Equal(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), text[..TimeText.W3c(time, text)].ToString());
        Assert.Equal(time.ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture), text[..TimeText.W3cMinutes(time, text)].ToString());
        Assert.Equal(time.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture), text[..TimeText.Readable(time, text)].ToString());
    }

    [Fact]
    public void The_longest_month_name_fits()
    {
        var time = new DateTimeOffset(2026, 9, 30, 23, 59, 59, TimeSpan.FromHours(-12));
        Span<char> text = stackalloc char[TimeText.MaxLength];

        Assert.Equal("30 September 2026 at 23:59", text[..TimeText.Readable(time, text)].ToString());
    }
}
