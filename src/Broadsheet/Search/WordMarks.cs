using System.Globalization;
using System.Text;

namespace Broadsheet.Search;

// Marks the searched words in a result's text the way the word index reads text (SQLite's
// unicode61 tokenizer: runs of letters and digits, case and accents folded, then porter stems).
public static class WordMarks
{
    // Text after the first match is marked only this many words far: SearchSnippet.Around shows
    // fewer (24 from a few words before the first match), and the rest is cut off.
    private const int WordsAfterFirst = 32;

    // Each term's words as stems; a term of several words matches them in a row (a phrase).
    public static List<string[]> Terms(IEnumerable<SearchTerm> terms) =>
        [.. terms.Where(t => !t.IsCjk)
            .Select(t => Tokens(t.Text).Select(r => PorterStem.Of(Fold(t.Text.AsSpan(r.Start, r.Length)))).ToArray())
            .Where(words => words.Length > 0)];

    // The text with the matches between SearchSnippet's markers, cut a little after the first
    // match, or null when no term is in it.
    public static string? Mark(string text, List<string[]> terms)
    {
        var tokens = new List<(int Start, int Length)>();
        var marked = new StringBuilder();
        var copied = 0;
        var markedUpTo = -1;
        var cutAt = -1;
        foreach (var token in Tokens(text))
        {
            tokens.Add(token);
            if (cutAt < 0 || token.Start < cutAt)
            {
                foreach (var term in terms)
                {
                    if (EndsWith(text, tokens, term))
                    {
                        var start = Math.Max(tokens[^term.Length].Start, markedUpTo);
                        var end = token.Start + token.Length;
                        marked.Append(text, copied, start - copied).Append(SearchSnippet.Open).Append(text, start, end - start).Append(SearchSnippet.Close);
                        copied = markedUpTo = end;
                        cutAt = cutAt < 0 ? WordEnd(text, end, WordsAfterFirst) : cutAt;
                        break;
                    }
                }
            }
            else
            {
                break;
            }
        }
        if (cutAt < 0)
        {
            return null;
        }
        return marked.Append(text, copied, cutAt - copied).ToString();
    }

    // A phrase match whose first word is already inside an earlier mark is merged into it.
    private static bool EndsWith(string text, List<(int Start, int Length)> tokens, string[] term)
    {
        if (tokens.Count < term.Length)
        {
            return false;
        }
        for (var i = 0; i < term.Length; i++)
        {
            var (start, length) = tokens[tokens.Count - term.Length + i];
            if (!IsSame(text.AsSpan(start, length), term[i]))
            {
                return false;
            }
        }
        return true;
    }

    // A stem is never longer than its word, and all of it but its last letter begins the word
    // (checked on the words PorterStem was checked on): most words are ruled out before stemming.
    private static bool IsSame(ReadOnlySpan<char> word, string stem) =>
        Ascii.IsValid(word)
            ? word.Length >= stem.Length && char.ToLowerInvariant(word[0]) == stem[0]
                && word[..(stem.Length - 1)].Equals(stem.AsSpan(0, stem.Length - 1), StringComparison.OrdinalIgnoreCase)
                && PorterStem.Of(Fold(word)) == stem
            : PorterStem.Of(Fold(word)) == stem;

    // Lower case without accents, as unicode61's remove_diacritics folds them.
    private static string Fold(ReadOnlySpan<char> word)
    {
        if (Ascii.IsValid(word))
        {
            return word.ToString().ToLowerInvariant();
        }
        var folded = new StringBuilder(word.Length);
        foreach (var c in word.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IEnumerable<(int Start, int Length)> Tokens(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsWordChar(text[i]))
            {
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
            yield return (start, i - start);
        }
    }

    private static bool IsWordChar(char c) => char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c)
        : char.IsLetterOrDigit(c) || char.IsSurrogate(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.PrivateUse;

    // Where the count-th run of non-space characters after position `from` ends (or the text does).
    private static int WordEnd(string text, int from, int count)
    {
        var i = from;
        for (var words = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && i > from && !char.IsWhiteSpace(text[i - 1]) && ++words == count)
            {
                break;
            }
        }
        return i;
    }
}
