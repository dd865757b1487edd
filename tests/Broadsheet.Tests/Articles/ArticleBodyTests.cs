using Broadsheet.Articles;

namespace Broadsheet.Tests.Articles;

public class ArticleBodyTests
{
    [Fact]
    public void Markdown_is_rendered_to_html()
    {
        var html = ArticleBody.ToHtml("## Tides\n\nA **high** tide and a [chart](https://example.org/chart).\n\n> Quoted");

        Assert.Contains("<h2 id=\"tides\">Tides</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>high</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/chart\" rel=\"noopener\">chart</a>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    public void Script_never_survives_rendering(string markdown)
    {
        var html = ArticleBody.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }
}
