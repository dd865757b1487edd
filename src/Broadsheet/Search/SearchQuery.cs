using System.Globalization;
using System.Text;

namespace Broadsheet.Search;

// What a reader typed into the search box, read the way search engines do: words, "quoted
// phrases" and -excluded words. Anything else (operators, stars, brackets, SQL, control characters)
// is just text: the FTS query is always built from terms we quote ourselves, never from the input.
public sealed record SearchQuery(IReadOnlyList<SearchTerm> Terms)
{
    public const int MaxInputLength = 256;
    public const int MaxTerms = 12;

    public IEnumerable<SearchTerm> Included => Terms.Where(t => !t.IsExcluded);

    public IEnumerable<SearchTerm> Excluded => Terms.Where(t => t.IsExcluded);

    // A query with nothing to look for (empty, only punctuation, only exclusions) finds nothing.
    public bool IsEmpty => !Included.Any();

    public static SearchQuery Parse(string? input)
    {
        var text = Clean(input);
        var terms = new List<SearchTerm>();
        var position = 0;
        while (position < text.Length && terms.Count < MaxTerms)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
                continue;
            }
            var isExcluded = text[position] == '-' && position + 1 < text.Length && !char.IsWhiteSpace(text[position + 1]);
            if (isExcluded)
            {
                position++;
            }
            var isPhrase = text[position] == '"';
            int end;
            if (isPhrase)
            {
                position++;
                end = text.IndexOf('"', position);
                end = end < 0 ? text.Length : end; // an unbalanced quote runs to the end
            }
            else
            {
                end = position;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
                {
                    end++;
                }
            }
            var words = text[position..end].Replace('"', ' ').Trim();
            position = isPhrase ? end + 1 : end;
            if (words.Any(char.IsLetterOrDigit))
            {
                terms.Add(new SearchTerm(words, isExcluded, SearchTerm.HasCjk(words)));
            }
        }
        return new SearchQuery(terms);
    }

    // Control characters become spaces; the length is capped so a 10,000-character paste stays cheap.
    private static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }
        var builder = new StringBuilder(Math.Min(input.Length, MaxInputLength));
        foreach (var rune in input.EnumerateRunes())
        {
            if (builder.Length >= MaxInputLength)
            {
                break;
            }
            builder.Append(Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format ? " " : rune.ToString());
        }
        return builder.ToString();
    }
}

// One word or phrase. Chinese, Japanese and Korean text has no spaces between words, so such a
// term is looked up as a substring (trigram index) instead of as stemmed words.
public sealed record SearchTerm(string Text, bool IsExcluded, bool IsCjk)
{
    // An FTS5 string: inside double quotes everything is text, and a quote is written twice.
    public string Quoted => "\"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // The trigram index answers substrings of three characters or more; shorter ones are scanned.
    public bool IsShort => new StringInfo(Text).LengthInTextElements < 3;

    public static bool HasCjk(string text) => text.EnumerateRunes().Any(rune => rune.Value is
        >= 0x2E80 and <= 0x9FFF // CJK radicals, kana, bopomofo, unified ideographs
        or >= 0xAC00 and <= 0xD7AF // Hangul syllables
        or >= 0xF900 and <= 0xFAFF // compatibility ideographs
        or >= 0xFF00 and <= 0xFFEF // full-width forms
        or >= 0x20000 and <= 0x3FFFF); // ideograph extensions
}
