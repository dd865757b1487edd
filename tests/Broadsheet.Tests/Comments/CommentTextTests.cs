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
}
