using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Broadsheet.Articles;
using Broadsheet.Search;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Tests.Search;

// The related reading is written by C# (RelatedReadingHtml): what a browser makes of it.
public class RelatedReadingHtmlTests
{
    private static readonly Permalinks Permalinks = new(new SiteClock(TimeProvider.System, Options.Create(new SiteOptions())));
    private static readonly DateTime Published = new(2026, 11, 30, 9, 5, 0, DateTimeKind.Utc);

    private static RelatedLink Link(int id, string title, string slug = "quay") => new(id, title, slug, Published);

    private static string Write(RelatedReading reading)
    {
        using var writer = new StringWriter();
        new RelatedReadingHtml(reading, Permalinks).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument($"<!DOCTYPE html><body>{html}</body>");

    [Fact]
    public void Nothing_related_and_no_neighbours_writes_nothing()
    {
        Assert.Equal("", Write(new RelatedReading([], null, null)));
    }

    [Fact]
    public void Hostile_titles_and_slugs_stay_text_and_attribute_values()
    {
        const string Title = "</a><script>alert(\"x\")</script> & 'quotes' <b>";
        const string Slug = "\"><img src=x onerror=alert(1)>";
        var html = Write(new RelatedReading([Link(1, Title, Slug)], Link(2, Title), Link(3, Title)));
        var page = Parse(html);

        Assert.Empty(page.QuerySelectorAll("script, img, b"));
        var related = page.QuerySelector(".related-articles li a")!;
        Assert.Equal(Title, related.TextContent);
        Assert.Equal(Permalinks.For(Published, Slug), related.GetAttribute("href"));
        Assert.Equal("← " + Title, page.QuerySelector(".article-neighbours a.previous")!.TextContent);
        Assert.Equal(Title + " →", page.QuerySelector(".article-neighbours a.next")!.TextContent);
    }

    [Fact]
    public void Neighbours_alone_are_shown_without_a_related_list()
    {
        var page = Parse(Write(new RelatedReading([], null, Link(3, "Next up", "next-up"))));

        Assert.Null(page.QuerySelector(".related-articles"));
        Assert.Null(page.QuerySelector(".article-neighbours a.previous"));
        Assert.Equal("/2026/11/30/next-up/", page.QuerySelector(".article-neighbours a.next")!.GetAttribute("href"));
    }

    [Fact]
    public void A_related_list_alone_has_no_neighbour_links()
    {
        var page = Parse(Write(new RelatedReading([Link(1, "One", "one"), Link(2, "Two", "two")], null, null)));

        Assert.Equal(["One", "Two"], page.QuerySelectorAll(".related-articles li").Select(li => li.TextContent));
        Assert.Null(page.QuerySelector(".article-neighbours"));
    }
}
