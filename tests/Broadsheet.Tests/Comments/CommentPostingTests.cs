using System.Net;
using System.Text;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// A reader posting through the real form: token from the page, answers as a browser sees them.
public class CommentPostingTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<string> KnownCommenterAsync() =>
        app.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Approved).Select(c => c.AuthorEmail).FirstAsync(Cancel));

    private Task<int> CountAsync(string text) =>
        app.WithDbAsync(db => db.Comments.CountAsync(c => c.Content.Contains(text), Cancel));

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    [Fact]
    public async Task A_comment_lands_on_its_anchor_and_is_shown_with_its_details()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var text = Unique("The ferry timetable\n\nreally needs https://example.org/tides");
        var fields = Reader.ValidComment(text, await KnownCommenterAsync());
        fields["url"] = "https://ada.example.org/";

        var response = await reader.PostCommentAsync(permalink, fields);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(permalink + "#comment-", location, StringComparison.Ordinal);
        var id = location.Split("#comment-")[1];
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Id == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), Cancel));
        Assert.Equal(CommentStatus.Approved, stored.Status);
        Assert.Equal(text.Trim(), stored.Content);

        var page = await reader.GetPageAsync(permalink);
        var shown = page.QuerySelector($"li#comment-{id}")!;
        Assert.Equal("Ada Reader", shown.QuerySelector(".comment-author a[rel~=nofollow]")!.TextContent);
        Assert.Equal(2, shown.QuerySelectorAll(".comment-content p").Length);
        Assert.Equal("nofollow ugc", shown.QuerySelector(".comment-content a")!.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("comment", "", "Please enter your comment!")]
    [InlineData("author", "", "Please enter your name here")]
    [InlineData("email", "", "Please enter your email address here")]
    [InlineData("email", "ada-at-example.org", "You have entered an incorrect email address!")]
    [InlineData("url", "javascript:alert(1)", "Please enter a website address that starts with http:// or https://")]
    public async Task Each_mistake_is_answered_beside_its_field_keeping_what_was_typed(string field, string value, string message)
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var text = Unique("Kept as typed <b>bold</b>");
        var fields = Reader.ValidComment(text);
        fields[field] = value;

        var response = await reader.PostCommentAsync(permalink, fields);
        var page = await Reader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"#{field}-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Equal(field == "comment" ? "" : text, page.QuerySelector("textarea#comment")!.TextContent);
        Assert.Equal(field == "author" ? "" : "Ada Reader", page.QuerySelector("input#author")!.GetAttribute("value") ?? "");
        Assert.Equal(0, await CountAsync(text));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_stores_nothing_and_comes_back_to_be_sent_again()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var text = Unique("No token");
        var fields = new FormUrlEncodedContent(Reader.ValidComment(text));

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), fields, Cancel);
        var page = await Reader.ParseAsync(response);
        var stored = await CountAsync(text);
        var again = await reader.PostCommentFormAsync(permalink, page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, stored);
        Assert.Equal(CommentMessages.SendAgain, page.QuerySelector(".form-message")!.TextContent);
        Assert.Equal(text, page.QuerySelector("textarea#comment")!.TextContent);
        Assert.Equal("Ada Reader", page.QuerySelector("input#author")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(1, await CountAsync(text));
    }

    [Fact]
    public async Task A_post_with_a_token_but_without_the_browsers_antiforgery_cookie_stores_nothing()
    {
        var victim = app.CreateReader();
        var permalink = await victim.FirstArticleAsync();
        await victim.CommentTokenAsync(); // the victim's browser holds an antiforgery cookie of its own
        var text = Unique("Forged");
        var fields = Reader.ValidComment(text);
        fields["__RequestVerificationToken"] = await app.CreateReader().CommentTokenAsync();

        var response = await victim.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountAsync(text));
    }

    [Fact]
    public async Task A_post_in_another_format_is_refused_with_a_clear_answer()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var json = new StringContent("{\"comment\":\"json comment\",\"author\":\"A\",\"email\":\"a@example.org\"}", Encoding.UTF8, "application/json");

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), json, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await CountAsync("json comment"));
    }

    [Fact]
    public async Task A_form_over_the_form_limits_is_refused_with_a_clear_answer_and_nothing_is_stored()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        await reader.GetPageAsync(permalink);
        var token = await reader.CommentTokenAsync();
        var text = Unique("Padded with too many fields");
        var fields = new List<KeyValuePair<string, string>>(Reader.ValidComment(text)) { new("__RequestVerificationToken", token!) };
        // ASP.NET Core reads at most 1,024 fields of a form.
        fields.AddRange(Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"extra{i}", "x")));

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(CommentMessages.FormUnreadable, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(text));
    }

    [Fact]
    public async Task The_same_comment_twice_is_a_duplicate()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var fields = Reader.ValidComment(Unique("Said once"), await KnownCommenterAsync());

        var first = await reader.PostCommentAsync(permalink, fields);
        var second = await reader.PostCommentAsync(permalink, fields);
        var page = await Reader.ParseAsync(second);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Duplicate comment detected; it looks as though you’ve already said that!", page.QuerySelector(".form-message")!.TextContent);
        Assert.Equal(1, await CountAsync(fields["comment"]));
    }

    [Fact]
    public async Task Hostile_input_in_every_field_is_stored_as_text_and_shown_as_text()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>";
        var fields = Reader.ValidComment(Unique(payload), await KnownCommenterAsync());
        fields["author"] = payload;
        fields["url"] = "https://example.org/\"><script>alert(4)</script>";

        var response = await reader.PostCommentAsync(permalink, fields);
        var html = await (await reader.GetAsync(new Uri(permalink, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(payload));
    }

    [Fact]
    public async Task A_seventy_thousand_character_comment_is_refused_as_too_long()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var text = Unique("long") + new string('x', 70_000);

        var response = await reader.PostCommentAsync(permalink, Reader.ValidComment(text));
        var page = await Reader.ParseAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Your comment is too long.", page.QuerySelector("#comment-error")!.TextContent);
        Assert.Equal(text, page.QuerySelector("textarea#comment")!.TextContent);
        Assert.Equal(0, await CountAsync(text[..40]));
    }

    [Theory]
    [InlineData("comment=nul%00byte")]
    [InlineData("comment=invalid%FF%FEutf8")]
    [InlineData("author=bad%C3%28name")]
    [InlineData("email=a%C0%AF%40example.org")]
    public async Task Nul_bytes_and_invalid_utf8_are_refused(string badField)
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var page = await reader.GetPageAsync(permalink);
        var token = await reader.CommentTokenAsync();
        var marker = Guid.NewGuid().ToString("N");
        var fields = new Dictionary<string, string> { ["comment"] = $"comment=ok+{marker}", ["author"] = "author=Ada", ["email"] = "email=ada%40example.org" };
        fields[badField.Split('=')[0]] = badField;
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&{string.Join('&', fields.Values)}";

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative),
            new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL bytes or text that is not valid UTF-8", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(c => c.Content.Contains("byte") || c.Content.Contains("utf8") || c.Content.Contains(marker), Cancel)));
    }

    [Fact]
    public async Task Raw_invalid_utf8_bytes_in_the_body_are_refused()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var page = await reader.GetPageAsync(permalink);
        var token = await reader.CommentTokenAsync();
        var bytes = Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token!)}&author=Ada&email=ada%40example.org&comment=raw-bytes")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL bytes or text that is not valid UTF-8", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("raw-bytes"));
    }

    [Fact]
    public async Task The_honeypot_sends_robots_to_spam_where_no_reader_sees_them()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var fields = Reader.ValidComment(Unique("Buy cheap watches"), await KnownCommenterAsync());
        fields["homepage"] = "https://spam.example/";

        var response = await reader.PostCommentAsync(permalink, fields);
        var stored = await app.WithDbAsync(db => db.Comments.SingleAsync(c => c.Content == fields["comment"], Cancel));
        var html = await (await app.CreateReader().GetAsync(new Uri(permalink, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(permalink, response.Headers.Location!.OriginalString);
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.DoesNotContain(fields["comment"], html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticking_remember_me_fills_the_form_next_time_and_unticking_forgets()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();
        var fields = Reader.ValidComment(Unique("Remember me"), await KnownCommenterAsync());
        fields["url"] = "https://ada.example.org/";
        fields["remember"] = "true";

        var remembered = await reader.PostCommentAsync(permalink, fields);
        var setCookie = remembered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CommenterCookies.RememberedCookie + "=", StringComparison.Ordinal));
        var form = await reader.GetPageAsync(permalink);

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ada", setCookie, StringComparison.Ordinal); // protected, not plain text
        Assert.Equal("Ada Reader", form.QuerySelector("input#author")!.GetAttribute("value"));
        Assert.Equal(fields["email"], form.QuerySelector("input#email")!.GetAttribute("value"));
        Assert.Equal("https://ada.example.org/", form.QuerySelector("input#url")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("input#remember")!.HasAttribute("checked"));

        fields["comment"] = Unique("Forget me");
        fields.Remove("remember");
        await reader.PostCommentAsync(permalink, fields);
        var after = await reader.GetPageAsync(permalink);

        Assert.Null(after.QuerySelector("input#author")!.GetAttribute("value"));
        Assert.False(after.QuerySelector("input#remember")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Without_ticking_remember_me_no_details_are_kept()
    {
        var reader = app.CreateReader();
        var permalink = await reader.FirstArticleAsync();

        var response = await reader.PostCommentAsync(permalink, Reader.ValidComment(Unique("Just once"), await KnownCommenterAsync()));

        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CommenterCookies.RememberedCookie + "=", StringComparison.Ordinal));
        Assert.Null((await reader.GetPageAsync(permalink)).QuerySelector("input#author")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_closed_article_shows_no_form_and_refuses_comments()
    {
        var reader = app.CreateReader();
        var closed = await app.WithDbAsync(db => db.Articles.Include(a => a.Comments).FirstAsync(a => !a.AreCommentsOpen, Cancel));
        var permalink = Permalinks(closed);
        var text = Unique("Too late");

        var page = await reader.GetPageAsync(permalink);
        var token = await reader.CommentTokenAsync();
        var fields = Reader.ValidComment(text);
        fields["__RequestVerificationToken"] = token;
        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal("Comments are closed.", page.QuerySelector(".comments-closed")!.TextContent);
        Assert.Null(page.QuerySelector("form#commentform"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Sorry, comments are closed for this item.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(text));
    }

    [Fact]
    public async Task A_comment_on_an_article_that_was_unpublished_meanwhile_is_refused()
    {
        var reader = app.CreateReader();
        var article = await app.WithDbAsync(db => db.Articles.OrderBy(a => a.PublishedAt).Skip(3).FirstAsync(Cancel));
        var permalink = Permalinks(article);
        var page = await reader.GetPageAsync(permalink);
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Draft), Cancel));
        var fields = Reader.ValidComment(Unique("Gone"));
        fields["__RequestVerificationToken"] = await reader.CommentTokenAsync();

        var response = await reader.PostAsync(new Uri(permalink, UriKind.Relative), new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Sorry, comments are not allowed on this item.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(fields["comment"]));
    }

    private static string Permalinks(Article article) =>
        new Permalinks(new Broadsheet.Shared.SiteClock(TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new Broadsheet.Shared.SiteOptions()))).For(article);
}
