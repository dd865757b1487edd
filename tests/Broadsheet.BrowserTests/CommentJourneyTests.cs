using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Broadsheet.BrowserTests;

// What a reader with JavaScript sees while commenting: the form's own messages before anything
// is posted, and a reply form that moves under the comment being answered.
[Collection(nameof(BrowserJourneys))]
public sealed partial class CommentJourneyTests(BrowserApp app)
{
    private readonly ChromeDriver _browser = app.Driver;

    [Fact]
    public void A_reader_sees_inline_messages_then_posts_a_comment()
    {
        _browser.Navigate().GoToUrl(app.Address("/"));
        _browser.FindElement(By.CssSelector(".article-list .article-summary h2 a")).Click();
        var form = Until(browser => browser.FindElement(By.Id("commentform")));
        var permalink = _browser.Url;
        ClearFields();

        Submit();

        Until(_ => Message("comment") is { Length: > 0 });
        Assert.Equal("Please enter your comment!", Message("comment"));
        Assert.Equal("Please enter your name here", Message("author"));
        Assert.Equal("Please enter your email address here", Message("email"));
        Assert.Equal("", Message("url"));
        Assert.Equal("true", Field("comment").GetDomAttribute("aria-invalid"));
        Assert.Equal("comment-error", Field("comment").GetDomAttribute("aria-describedby"));
        Assert.Equal("comment", _browser.SwitchTo().ActiveElement().GetDomAttribute("id"));
        // Same address and the same form element: the browser never asked the server.
        Assert.Equal(permalink, _browser.Url);
        Assert.Equal("commentform", form.GetDomAttribute("id"));

        Field("email").SendKeys("not-an-email");
        Submit();

        Until(_ => Message("email") == "You have entered an incorrect email address!");
        Assert.Equal(permalink, _browser.Url);

        var text = $"Will the single ticket cover bicycles? ({Guid.NewGuid():N})";
        Fill(text);
        Assert.Null(Field("comment").GetDomAttribute("aria-invalid"));
        Submit();

        var id = Until(browser => PostedCommentId(browser.Url));
        Assert.Equal($"{permalink}#comment-{id}", _browser.Url);
        var posted = Until(browser => browser.FindElement(By.CssSelector($"li#comment-{id}")));
        Assert.Contains(text, posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_replies_to_a_comment_and_the_reply_is_nested_under_it()
    {
        var permalink = OpenArticleWithComments();
        var reply = _browser.FindElement(By.CssSelector(".comment-list > li.comment > .comment-body > a.comment-reply-link"));
        var parentId = reply.GetDomAttribute("data-comment-id");
        var author = reply.GetDomAttribute("data-author");

        reply.Click();

        Until(browser => browser.FindElements(By.CssSelector($"li#comment-{parentId} > .comment-body + #respond")).Count == 1);
        Assert.Equal(parentId, Field("comment_parent").GetDomProperty("value"));
        Assert.StartsWith($"Reply to {author}", _browser.FindElement(By.Id("reply-title")).Text, StringComparison.Ordinal);
        Assert.True(_browser.FindElement(By.Id("cancel-comment-reply-link")).Displayed);
        Assert.Equal("comment", _browser.SwitchTo().ActiveElement().GetDomAttribute("id"));
        Assert.Equal(permalink, _browser.Url);

        var text = $"Agreed, and the band deserves it. ({Guid.NewGuid():N})";
        Fill(text);
        Submit();

        var id = Until(browser => PostedCommentId(browser.Url));
        var nested = Until(browser =>
            browser.FindElement(By.CssSelector($"li#comment-{parentId} > ol.children > li#comment-{id}")));
        Assert.Contains(text, nested.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_a_reply_puts_the_form_back_under_the_thread()
    {
        var permalink = OpenArticleWithComments();
        _browser.FindElement(By.CssSelector(".comment-list a.comment-reply-link")).Click();
        Until(browser => browser.FindElements(By.CssSelector("li.comment > #respond")).Count == 1);

        _browser.FindElement(By.Id("cancel-comment-reply-link")).Click();

        Until(browser => browser.FindElements(By.CssSelector("#comments > .comment-list ~ #respond")).Count == 1);
        Assert.Equal("0", Field("comment_parent").GetDomProperty("value"));
        Assert.StartsWith("Leave a Reply", _browser.FindElement(By.Id("reply-title")).Text, StringComparison.Ordinal);
        Assert.False(_browser.FindElement(By.Id("cancel-comment-reply-link")).Displayed);
        Assert.Equal(permalink, _browser.Url);
    }

    [Fact]
    public void The_cached_page_has_no_token_until_the_reader_starts_writing()
    {
        OpenArticleWithComments();
        var token = _browser.FindElement(By.Name("__RequestVerificationToken"));
        var before = token.GetDomProperty("value");

        Field("comment").Click();

        Until(_ => token.GetDomProperty("value") is { Length: > 0 });
        Assert.Equal("", before);
    }

    // The newest article that readers have already commented on; returns its permalink.
    private string OpenArticleWithComments()
    {
        _browser.Navigate().GoToUrl(app.Address("/"));
        var summary = _browser.FindElements(By.CssSelector(".article-list .article-summary"))
            .First(s => !s.FindElement(By.CssSelector(".meta a[href$='#comments']")).Text.StartsWith("No", StringComparison.Ordinal));
        summary.FindElement(By.CssSelector("h2 a")).Click();
        Until(browser => browser.FindElements(By.CssSelector(".comment-list a.comment-reply-link")).Count > 0);
        return _browser.Url;
    }

    private IWebElement Field(string id) => _browser.FindElement(By.Id(id));

    private string Message(string field) => _browser.FindElement(By.Id($"{field}-error")).Text;

    private void Submit() => _browser.FindElement(By.Id("submit")).Click();

    // A remembered commenter finds the fields filled in; every journey starts from empty ones.
    private void ClearFields()
    {
        foreach (var id in (string[])["comment", "author", "email", "url"])
        {
            Field(id).Clear();
        }
    }

    private void Fill(string comment)
    {
        ClearFields();
        Field("comment").SendKeys(comment);
        Field("author").SendKeys("Rowan Pike");
        Field("email").SendKeys("rowan.pike@example.org");
    }

    private T Until<T>(Func<IWebDriver, T> condition)
    {
        var wait = new WebDriverWait(_browser, TimeSpan.FromSeconds(10));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    private static string? PostedCommentId(string url) =>
        CommentAnchor().Match(url) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"#comment-(\d+)$")]
    private static partial Regex CommentAnchor();
}
