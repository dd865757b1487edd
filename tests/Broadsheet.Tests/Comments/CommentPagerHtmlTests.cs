using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Broadsheet.Comments;

namespace Broadsheet.Tests.Comments;

// The pager is written by C# (CommentPagerHtml): what a browser makes of it at the edges.
public class CommentPagerHtmlTests
{
    private static string Write(int number, int count, Func<int, string>? pageUrl = null)
    {
        using var writer = new StringWriter();
        new CommentPagerHtml(new CommentPages.Page(number, count, []), pageUrl ?? (n => $"/2026/11/30/quay/comment-page-{n}/"))
            .WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static AngleSharp.Dom.IElement? Nav(string html) =>
        new HtmlParser().ParseDocument($"<!DOCTYPE html><body>{html}</body>").QuerySelector("nav.comment-navigation");

    [Fact]
    public void A_thread_of_one_page_has_no_pager()
    {
        Assert.Equal("", Write(1, 1));
    }

    [Fact]
    public void The_first_page_links_only_to_the_newer_and_the_last_only_to_the_older()
    {
        var first = Nav(Write(1, 3))!;
        var last = Nav(Write(3, 3))!;

        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/2026/11/30/quay/comment-page-2/#comments", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("Comments page 1 of 3", first.QuerySelector(".comment-page-number")!.TextContent);
        Assert.Equal("/2026/11/30/quay/comment-page-2/#comments", last.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.Equal("Comments page 3 of 3", last.QuerySelector(".comment-page-number")!.TextContent);
    }

    [Fact]
    public void A_middle_page_links_both_ways()
    {
        var middle = Nav(Write(50, 100))!;

        Assert.Equal("/2026/11/30/quay/comment-page-49/#comments", middle.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/2026/11/30/quay/comment-page-51/#comments", middle.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("Comments page 50 of 100", middle.QuerySelector(".comment-page-number")!.TextContent);
    }

    [Fact]
    public void A_hostile_address_stays_one_attribute_value()
    {
        const string Hostile = "/\"><script>alert(1)</script>&x=<b>";
        var html = Write(2, 3, _ => Hostile);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal(Hostile + "#comments", Nav(html)!.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }
}
