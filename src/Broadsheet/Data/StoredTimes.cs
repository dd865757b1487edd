using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Broadsheet.Data;

// Times as the reader pages read them. On SQLite a time is text in the form EF Core's provider
// writes, "yyyy-MM-dd HH:mm:ss" with up to seven digits of fraction (trailing zeros dropped, none
// at all on a whole second); Microsoft.Data.Sqlite's GetDateTime hands it to DateTime.Parse, which
// tries every form it knows and cost more than the rest of a comment row. That form is read here
// digit by digit; anything else (a 'T', an offset, a Julian day number an outside tool wrote) goes
// to the provider's own reading, so every value comes out exactly as GetDateTime gave it, Kind
// included (Unspecified for the stored form). PostgreSQL's timestamps are always the provider's.
internal static class StoredTimes
{
    public static DateTime ReadTime(this DbDataReader reader, int ordinal) => reader switch
    {
        KeptRow kept => kept.ReadTime(ordinal),
        SqliteDataReader when TryParse(reader.GetString(ordinal), out var time) => time,
        _ => reader.GetDateTime(ordinal),
    };

    // "yyyy-MM-dd HH:mm:ss", then a fraction of one to seven digits after a '.'.
    public const int ShortestForm = 19, LongestForm = 27;

    // A value neither this nor the provider can read (text an outside tool mangled) as null, so
    // that the caller can choose what to show instead of failing the whole page.
    public static DateTime? TryReadTime(this DbDataReader reader, int ordinal)
    {
        try
        {
            return reader.ReadTime(ordinal);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // The stored form only; false for anything else, never an exception.
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime time)
    {
        time = default;
        if (text.Length is not (ShortestForm or (>= ShortestForm + 2 and <= LongestForm)) || text[4] != '-' || text[7] != '-' || text[10] != ' '
            || text[13] != ':' || text[16] != ':' || (text.Length > 19 && text[19] != '.'))
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute)
            || !Digits(text.Slice(17, 2), out var second) || !Digits(text[Math.Min(20, text.Length)..], out var fraction))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        // The fraction's digits are tenths, hundredths, …: seven of them are ticks.
        for (var digits = text.Length - 20; digits is > 0 and < 7; digits++)
        {
            fraction *= 10;
        }
        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
