using System.Globalization;

namespace Broadsheet.Shared;

// The few date formats the reader pages print for every comment, written digit by digit into the
// caller's span. The runtime's custom-format path parses the format string on each call and showed
// in the article page's profile (two dates per comment, fifty comments); the text is the same as
// DateTimeOffset.ToString with the invariant culture and these formats.
public static class TimeText
{
    // Long enough for every format here.
    public const int MaxLength = 32;

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    // "yyyy-MM-dd'T'HH:mm:sszzz": schema.org and OpenGraph times.
    public static int W3c(DateTimeOffset time, Span<char> text)
    {
        var length = WriteDate(time, text);
        text[length++] = 'T';
        length += WriteClock(time, text[length..]);
        text[length++] = ':';
        length += Two(time.Second, text[length..]);
        return length + WriteOffset(time.Offset, text[length..]);
    }

    // "yyyy-MM-ddTHH:mmzzz": the datetime attribute of a comment's <time>.
    public static int W3cMinutes(DateTimeOffset time, Span<char> text)
    {
        var length = WriteDate(time, text);
        text[length++] = 'T';
        length += WriteClock(time, text[length..]);
        return length + WriteOffset(time.Offset, text[length..]);
    }

    // "d MMMM yyyy 'at' HH:mm": what a reader sees beside a comment.
    public static int Readable(DateTimeOffset time, Span<char> text)
    {
        var length = 0;
        if (time.Day >= 10)
        {
            text[length++] = (char)('0' + (time.Day / 10));
        }
        text[length++] = (char)('0' + (time.Day % 10));
        text[length++] = ' ';
        var month = MonthNames[time.Month - 1];
        month.CopyTo(text[length..]);
        length += month.Length;
        text[length++] = ' ';
        length += Four(time.Year, text[length..]);
        " at ".CopyTo(text[length..]);
        length += 4;
        return length + WriteClock(time, text[length..]);
    }

    private static int WriteDate(DateTimeOffset time, Span<char> text)
    {
        Four(time.Year, text);
        text[4] = '-';
        Two(time.Month, text[5..]);
        text[7] = '-';
        Two(time.Day, text[8..]);
        return 10;
    }

    private static int WriteClock(DateTimeOffset time, Span<char> text)
    {
        Two(time.Hour, text);
        text[2] = ':';
        Two(time.Minute, text[3..]);
        return 5;
    }

    // "zzz": +hh:mm, or -hh:mm west of Greenwich.
    private static int WriteOffset(TimeSpan offset, Span<char> text)
    {
        text[0] = offset < TimeSpan.Zero ? '-' : '+';
        var minutes = Math.Abs((int)offset.TotalMinutes);
        Two(minutes / 60, text[1..]);
        text[3] = ':';
        Two(minutes % 60, text[4..]);
        return 6;
    }

    private static int Two(int value, Span<char> text)
    {
        text[0] = (char)('0' + (value / 10));
        text[1] = (char)('0' + (value % 10));
        return 2;
    }

    private static int Four(int value, Span<char> text)
    {
        Two(value / 100, text);
        Two(value % 100, text[2..]);
        return 4;
    }
}
