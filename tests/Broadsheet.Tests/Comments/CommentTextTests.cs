using Broadsheet.Comments;

namespace Broadsheet.Tests.Comments;

public class CommentTextTests
{
    [Fact]
    public void Html_typed_by_a_reader_is_shown_as_text()
    {
        var html = CommentText.ToHtml("<script>alert('x')</script> <b onmouseover=\"steal()\">bold</b>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b onmouseover=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Paragraphs_and_line_breaks_are_kept()
    {
        var html = CommentText.ToHtml("First paragraph\nsame paragraph\r\n\r\nSecond paragraph");

        Assert.Equal("<p>First paragraph<br>same paragraph</p><p>Second paragraph</p>", html);
    }

    [Fact]
    public void Web_addresses_become_links_that_search_engines_do_not_follow()
    {
        var html = CommentText.ToHtml("See https://example.org/tides?day=1&port=2, then reply.");

        Assert.Contains(
            "<a href=\"https://example.org/tides?day=1&amp;port=2\" rel=\"nofollow ugc\">https://example.org/tides?day=1&amp;port=2</a>, then reply.",
            html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://example.org/\"onmouseover=\"alert(1)")]
    [InlineData("https://example.org/<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Hostile_text_never_becomes_markup(string text)
    {
        var fragment = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + CommentText.ToHtml(text));
        var elements = fragment.Body!.QuerySelectorAll("*");

        Assert.All(elements, e => Assert.Contains(e.LocalName, new[] { "p", "br", "a" }));
        Assert.All(elements, e => Assert.All(e.Attributes, a => Assert.Contains(a.Name, new[] { "href", "rel" })));
        Assert.All(fragment.QuerySelectorAll("a"), a => Assert.StartsWith("https://", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    // Comments without a web address skip the sanitiser: their HTML must be exactly what it gave.
    [Theory]
    [InlineData("Plain words.")]
    [InlineData("Quotes ' \" and ampersands & &amp; &#39; &lt;b&gt; < > <<>> </p> <br> <p>")]
    [InlineData("Accents é ü ß ø, non-breaking\u00A0space, soft\u00ADhyphen, zero\u200Bwidth, emoji 🌊🚢, CJK 港口")]
    [InlineData("  leading and trailing spaces  \n\t tabbed line \n\n\n  third paragraph  ")]
    [InlineData("Lines\r\nwith\rcarriage\r\n\r\nreturns")]
    [InlineData("<script>alert('x')</script><!-- comment --><![CDATA[ x ]]><!DOCTYPE html>")]
    [InlineData("&nbsp; &copy; &unknown; & ; &# &#x; &#0; &#xD800; \uFEFF BOM \uFFFE")]
    [InlineData("ftp://example.org and www.example.org and mailto:ada@example.org, no http link")]
    [InlineData("=\"`'<>/\\ {} [] () | ~ ^ % $ # @ ! ? * + - _ , . ; :")]
    public void Html_without_a_web_address_is_exactly_what_the_sanitiser_gives(string text) =>
        Assert.Equal(CommentText.Sanitized(text), CommentText.ToHtml(text));

    [Fact]
    public void Random_text_without_a_web_address_gives_exactly_what_the_sanitiser_gives()
    {
        const string Alphabet = "ab <>&;#x0123456789\"'=/\n\t\u00A0é🌊-!?pbr";
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var length = random.Next(1, 60);
            var text = new System.Text.StringBuilder(length);
            while (text.Length < length)
            {
                var at = random.Next(Alphabet.Length);
                text.Append(char.IsHighSurrogate(Alphabet[at]) ? Alphabet.AsSpan(at, 2) : char.IsLowSurrogate(Alphabet[at]) ? "z" : Alphabet[at].ToString());
            }
            var typed = text.ToString();
            Assert.Equal(CommentText.Sanitized(typed), CommentText.ToHtml(typed));
        }
    }
}
