using Broadsheet.Accounts;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using SkiaSharp;

namespace Broadsheet.BrowserTests;

// The newsroom in a real browser: an editor signs in, uploads a picture, writes and publishes an
// article with it; a reader's comment with links is held; a moderator approves it and readers see it.
[Collection(nameof(BrowserJourneys))]
public sealed class NewsroomJourneyTests(BrowserApp app)
{
    private const string Password = "a long newsroom passphrase";

    private readonly ChromeDriver _browser = app.Driver;

    [Fact]
    public async Task An_editor_publishes_an_article_with_an_image_and_a_moderator_approves_a_held_comment()
    {
        await CreateAccountAsync("editor.journey@example.org", "Edith Journey", Roles.Editor);
        await CreateAccountAsync("moderator.journey@example.org", "Moe Journey", Roles.Moderator);
        var picture = WritePicture();
        try
        {
            _browser.Manage().Cookies.DeleteAllCookies();
            SignIn("editor.journey@example.org");

            Go("/admin/media/");
            _browser.FindElement(By.Id("file")).SendKeys(picture);
            _browser.FindElement(By.CssSelector("#upload button[type=submit]")).Click();
            var mediaId = Until(browser => browser.FindElement(By.Id("added-id"))).Text;

            Go("/admin/articles/new/");
            var title = $"Gig crews race at dawn {Guid.NewGuid():N}"[..32];
            _browser.FindElement(By.Id("title")).SendKeys(title);
            _browser.FindElement(By.Id("body")).SendKeys("The **Aldwick** crew won by a length.");
            Until(browser => browser.FindElement(By.CssSelector("#preview strong")).Text == "Aldwick");
            _browser.FindElement(By.Id($"featured-media-{mediaId}")).Click();
            _browser.FindElement(By.Id("featuredImageAlt")).SendKeys("Rowers at dawn");
            _browser.FindElement(By.CssSelector("button[value=publish]")).Click();
            Until(browser => browser.FindElement(By.Id("status")).Text == "Published");
            _browser.FindElement(By.LinkText("View on the site")).Click();

            Until(browser => browser.FindElement(By.CssSelector("article h1")).Text == title);
            var permalink = _browser.Url;
            var image = _browser.FindElement(By.CssSelector(".featured-image img"));
            Assert.Equal("Rowers at dawn", image.GetDomAttribute("alt"));
            Assert.Contains("480w", image.GetDomAttribute("srcset"), StringComparison.Ordinal);
            Until(_ => Convert.ToInt64(_browser.ExecuteScript("return arguments[0].naturalWidth;", image), System.Globalization.CultureInfo.InvariantCulture) > 0);

            // A reader (no staff cookie) comments with two links: held for moderation.
            _browser.Manage().Cookies.DeleteAllCookies();
            Go(new Uri(permalink).AbsolutePath);
            var text = $"Results at https://example.org/a and https://example.org/b ({Guid.NewGuid():N})";
            _browser.FindElement(By.Id("comment")).SendKeys(text);
            _browser.FindElement(By.Id("author")).SendKeys("Rhiannon Reader");
            _browser.FindElement(By.Id("email")).SendKeys("rhiannon@example.org");
            _browser.FindElement(By.Id("submit")).Click();
            Until(browser => browser.FindElement(By.CssSelector("li.comment.pending .moderation-notice")).Displayed);
            var commentId = _browser.FindElement(By.CssSelector("li.comment.pending")).GetDomAttribute("id");

            _browser.Manage().Cookies.DeleteAllCookies();
            SignIn("moderator.journey@example.org");
            Go("/admin/comments/");
            var row = Until(browser => browser.FindElement(By.Id(commentId!)));
            Assert.Contains("Contains 2 links", row.Text, StringComparison.Ordinal);
            row.FindElement(By.CssSelector("button[value^='approve:']")).Click();
            Until(browser => browser.FindElement(By.Id("message")).Text == "Approve: 1 comment(s).");

            _browser.Manage().Cookies.DeleteAllCookies();
            Go(new Uri(permalink).AbsolutePath);
            var shown = Until(browser => browser.FindElement(By.Id(commentId!)));
            Assert.Contains("Results at", shown.Text, StringComparison.Ordinal);
            Assert.Empty(_browser.FindElements(By.CssSelector($"#{commentId} .moderation-notice")));
        }
        finally
        {
            File.Delete(picture);
            _browser.Manage().Cookies.DeleteAllCookies();
        }
    }

    private async Task CreateAccountAsync(string email, string name, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<StaffDirectory>()
            .CreateAsync(new StaffDirectory.NewAccount(email, name, role, Password), TestContext.Current.CancellationToken);
        Assert.Null(errors);
    }

    private void SignIn(string email)
    {
        Go("/admin/login/");
        _browser.FindElement(By.Id("email")).SendKeys(email);
        _browser.FindElement(By.Id("password")).SendKeys(Password);
        _browser.FindElement(By.CssSelector("#login button[type=submit]")).Click();
        Until(browser => browser.FindElement(By.CssSelector(".admin-bar .who")).Text == email);
    }

    private void Go(string path) => _browser.Navigate().GoToUrl(app.Address(path));

    private static string WritePicture()
    {
        using var bitmap = new SKBitmap(1200, 675);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.MidnightBlue);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(600, 340, 200, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        var path = Path.Combine(Path.GetTempPath(), $"broadsheet-journey-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, image.Encode(SKEncodedImageFormat.Png, 90).ToArray());
        return path;
    }

    private T Until<T>(Func<IWebDriver, T> condition)
    {
        var wait = new WebDriverWait(_browser, TimeSpan.FromSeconds(15));
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }
}
