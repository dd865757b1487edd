using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Broadsheet.BrowserTests;

// Search engines read the JSON-LD data block of an article page. The page's Content-Security-Policy
// (script-src 'self') must not object to it: a data block is never executed, so no violation.
[Collection(nameof(BrowserJourneys))]
public sealed class StructuredDataJourneyTests(BrowserApp app)
{
    private readonly ChromeDriver _browser = app.Driver;

    [Fact]
    public void An_article_pages_structured_data_reads_in_the_browser_without_a_policy_violation()
    {
        _browser.Navigate().GoToUrl(app.Address("/"));
        _browser.FindElement(By.CssSelector(".article-list .article-summary h2 a")).Click();

        var type = _browser.ExecuteScript(
            "return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)[0]['@type'];");
        // Reports are delivered asynchronously: the observer hands over the buffered ones on the next task.
        var violations = _browser.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            const observer = new ReportingObserver(() => {}, { types: ['csp-violation'], buffered: true });
            observer.observe();
            setTimeout(() => done(observer.takeRecords().length), 0);
            """);

        Assert.Equal("NewsArticle", type);
        Assert.Equal(0L, violations);
    }
}
