using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Broadsheet.Comments;
using Broadsheet.Shared;
using Microsoft.Extensions.Options;

namespace Broadsheet.Tests.Comments;

// The thread's HTML is written by C# (CommentThreadHtml), so nothing of Razor's encoding is
// inherited: these check what a browser makes of what it writes.
public class CommentThreadHtmlTests
{
    private static readonly SiteClock Clock = new(TimeProvider.System, Options.Create(new SiteOptions()));

    private static Comment C(int id, int? parent = null, string name = "Reader", string? url = null,
        CommentStatus status = CommentStatus.Approved, bool staff = false) => new()
    {
        Id = id,
        ParentId = parent,
        AuthorName = name,
        AuthorEmail = "r@example.org",
        AuthorUrl = url,
        Content = "Text",
        RenderedHtml = "<p>Text</p>",
        Status = status,
        IsStaffReply = staff,
        CreatedAt = new DateTime(2026, 11, 30, 9, 5, 0, DateTimeKind.Utc),
    };

    private static AngleSharp.Html.Dom.IHtmlDocument Render(IReadOnlyList<Comment> comments, int depth = 5, bool canReply = true)
    {
        using var writer = new StringWriter();
        new CommentThreadHtml(CommentThread.Build(comments, depth), canReply, depth, Clock).WriteTo(writer, HtmlEncoder.Default);
        return new HtmlParser().ParseDocument($"<!DOCTYPE html><body><section id=\"comments\">{writer}</section></body>");
    }

    [Fact]
    public void Hostile_names_and_addresses_stay_text_and_attribute_values()
    {
        const string Name = "<script>alert(\"x\")</script> O'Brien & Co <b>";
        var page = Render([C(1, name: Name, url: "http://example.com/a?b=1&c=\"<x>\"' onmouseover='x")]);

        var comment = page.QuerySelector("li#comment-1")!;
        Assert.Empty(page.QuerySelectorAll("script, b"));
        Assert.Equal(Name, comment.QuerySelector(".comment-author a")!.TextContent);
        Assert.Equal($"Comment by {Name}", comment.QuerySelector("article")!.GetAttribute("aria-label"));
        Assert.Equal(Name, comment.QuerySelector(".comment-reply-link")!.GetAttribute("data-author"));
        Assert.Equal($"Reply to {Name}", comment.QuerySelector(".comment-reply-link")!.GetAttribute("aria-label"));
        var link = comment.QuerySelector(".comment-author a")!;
        Assert.Equal("http://example.com/a?b=1&c=%22%3Cx%3E%22'%20onmouseover='x", link.GetAttribute("href"));
        Assert.Null(link.GetAttribute("onmouseover"));
        Assert.Equal("external nofollow ugc", link.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/")]
    [InlineData("not an address")]
    public void A_website_that_is_not_http_is_shown_as_the_name_alone(string url)
    {
        var page = Render([C(1, name: "Ada", url: url)]);

        Assert.Null(page.QuerySelector(".comment-author a"));
        Assert.Equal("Ada", page.QuerySelector(".comment-author")!.TextContent.Trim());
    }

    [Fact]
    public void Replies_nest_in_children_lists_and_the_deepest_level_offers_no_reply()
    {
        var page = Render([C(1), C(2, parent: 1), C(3, parent: 2), C(4, parent: 3), C(5)], depth: 3);

        Assert.Equal(["comment-1", "comment-5"], page.QuerySelectorAll("ol.comment-list > li").Select(li => li.Id));
        Assert.Equal("comment depth-2", page.QuerySelector("li#comment-1 > ol.children > li")!.ClassName);
        Assert.Equal(["comment-3", "comment-4"], page.QuerySelectorAll("li#comment-2 > ol.children > li").Select(li => li.Id));
        Assert.All(page.QuerySelectorAll("li#comment-2 > ol.children > li"), li => Assert.Equal("comment depth-3", li.ClassName));
        Assert.Null(page.QuerySelector("li#comment-3 .comment-reply-link"));
        Assert.Equal("?replytocom=2#respond", page.QuerySelector("li#comment-2 > article .comment-reply-link")!.GetAttribute("href"));
        Assert.Equal("2", page.QuerySelector("li#comment-2 > article .comment-reply-link")!.GetAttribute("data-comment-id"));
    }

    [Fact]
    public void A_held_comment_says_so_and_offers_no_reply_and_a_staff_reply_has_its_badge()
    {
        var page = Render([C(1, status: CommentStatus.Pending), C(2, staff: true)]);

        var held = page.QuerySelector("li#comment-1")!;
        Assert.Equal("comment depth-1 pending", held.ClassName);
        Assert.Equal("Your comment is awaiting moderation.", held.QuerySelector(".moderation-notice[role=status]")!.TextContent);
        Assert.Null(held.QuerySelector(".comment-reply-link"));
        var staff = page.QuerySelector("li#comment-2")!;
        Assert.Equal("comment depth-1 staff", staff.ClassName);
        Assert.Equal("Staff", staff.QuerySelector(".staff-badge")!.TextContent);
        Assert.Null(staff.QuerySelector(".moderation-notice"));
    }

    [Fact]
    public void Closed_comments_offer_no_reply_links_and_times_link_to_their_comment()
    {
        var page = Render([C(7)], canReply: false);

        Assert.Null(page.QuerySelector(".comment-reply-link"));
        var time = page.QuerySelector("li#comment-7 a.comment-time")!;
        Assert.Equal("#comment-7", time.GetAttribute("href"));
        Assert.Equal("2026-11-30T09:05+00:00", time.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("30 November 2026 at 09:05", time.TextContent);
        Assert.Equal("<p>Text</p>", page.QuerySelector("li#comment-7 .comment-content")!.InnerHtml);
    }

    [Fact]
    public void An_empty_thread_writes_nothing()
    {
        using var writer = new StringWriter();

        new CommentThreadHtml([], canReply: true, 5, Clock).WriteTo(writer, HtmlEncoder.Default);

        Assert.Equal("", writer.ToString());
    }
}
