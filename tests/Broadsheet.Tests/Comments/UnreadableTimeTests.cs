using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Comments;

// A comment whose stored time an outside tool mangled (SQLite keeps times as text) costs the
// article page nothing: the page and all its comments are still shown, that one included.
public sealed class UnreadableTimeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_comment_with_an_unreadable_time_is_still_shown_with_the_rest()
    {
        using var app = BroadsheetApp.OnSqlite();
        app.Settings["Caching:Enabled"] = "false";
        using var reader = app.CreateReader();
        var permalink = await reader.FirstArticleWithCommentsAsync();
        var before = await reader.GetPageAsync(permalink);
        var shown = before.QuerySelectorAll("li.comment").Select(c => c.Id).ToList();
        var mangled = int.Parse(shown[0]!["comment-".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Comments\" SET \"CreatedAt\" = 'last Tuesday' WHERE \"Id\" = {mangled}", Cancel));
        var after = await reader.GetPageAsync(permalink);

        Assert.Equal(shown.Order(), after.QuerySelectorAll("li.comment").Select(c => c.Id).Order());
        Assert.NotNull(after.QuerySelector($"li#comment-{mangled} .comment-content"));
    }
}
