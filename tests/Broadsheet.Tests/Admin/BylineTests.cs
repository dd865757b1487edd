using System.Globalization;
using System.Net;
using Broadsheet.Accounts;
using Broadsheet.Admin.Articles;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Admin;

// Editors and administrators put any byline on an article; authors and contributors write under
// their own, whatever their browser sends.
public class BylineTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<int> AuthorIdOfAsync(BroadsheetApp app, int articleId) =>
        app.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.AuthorId).SingleAsync(Cancel));

    private static Task<int> BylineNamedAsync(BroadsheetApp app, string name) =>
        app.WithDbAsync(db => db.Authors.Where(a => a.Name == name).Select(a => a.Id).SingleAsync(Cancel));

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Roles.Editor)]
    [InlineData(Roles.Administrator)]
    public async Task An_editor_puts_another_byline_on_an_article_and_readers_see_it(string role)
    {
        using var app = new BroadsheetApp();
        var desk = await app.SignedInAsync(role);
        await app.CreateAccountAsync(Roles.Author, name: "Miriam Stone");
        var miriam = await BylineNamedAsync(app, "Miriam Stone");

        var id = Desk.ArticleId(await desk.SaveAsync("/admin/articles/new/", "publish",
            new(Desk.Article("Harbour wall repaired")) { ["Form.AuthorId"] = Text(miriam) }));
        var editor = await desk.EditorAsync(id);
        var page = await app.CreateReader().GetPageAsync((await desk.PermalinkAsync(id))!);

        Assert.Equal(miriam, await AuthorIdOfAsync(app, id));
        Assert.Equal(Text(miriam), editor.QuerySelector("select#byline option[selected]")!.GetAttribute("value"));
        Assert.Equal("Miriam Stone", page.QuerySelector(".byline a[rel=author]")!.TextContent);
    }

    [Fact]
    public async Task An_editor_s_new_article_starts_under_their_own_byline()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);

        var form = await editor.GetPageAsync("/admin/articles/new/");

        Assert.Equal("Editor editor", form.QuerySelector("select#byline option[selected]")!.TextContent);
    }

    [Theory]
    [InlineData(Roles.Author)]
    [InlineData(Roles.Contributor)]
    public async Task Authors_and_contributors_cannot_change_the_byline(string role)
    {
        using var app = new BroadsheetApp();
        var writer = await app.SignedInAsync(role);
        var someoneElse = await app.WithDbAsync(db => db.Authors.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(Cancel));
        var own = Desk.ArticleId(await writer.SaveAsync("/admin/articles/new/", "save", Desk.Article("My own piece")));
        var ownByline = await AuthorIdOfAsync(app, own);

        var form = await writer.EditorAsync(own);
        var onEdit = await writer.SaveAsync($"/admin/articles/{own}/", "save", new() { ["Form.AuthorId"] = Text(someoneElse) });
        var onCreate = await writer.SaveAsync("/admin/articles/new/", "save",
            new(Desk.Article("Under a borrowed name")) { ["Form.AuthorId"] = Text(someoneElse) });

        Assert.NotEqual(someoneElse, ownByline);
        Assert.Null(form.QuerySelector("select#byline"));
        Assert.Equal(HttpStatusCode.Forbidden, onEdit.StatusCode);
        Assert.Contains(EditArticlePage.OnlyEditorsSetBylines, (await Reader.ParseAsync(onEdit)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, onCreate.StatusCode);
        Assert.Equal(ownByline, await AuthorIdOfAsync(app, own));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == "Under a borrowed name", Cancel)));
    }

    [Fact]
    public async Task A_byline_that_does_not_exist_is_refused_with_a_reason()
    {
        using var app = new BroadsheetApp();
        var editor = await app.SignedInAsync(Roles.Editor);

        var saved = await editor.SaveAsync("/admin/articles/new/", "save", new(Desk.Article("Nobody wrote this")) { ["Form.AuthorId"] = "999999" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, saved.StatusCode);
        Assert.Contains("Please choose a byline from the list.", await saved.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
