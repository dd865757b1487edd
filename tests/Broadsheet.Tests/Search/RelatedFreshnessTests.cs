using System.Data.Common;
using Broadsheet.Articles;
using Broadsheet.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Search;

// Related reading ranks from each tag's newest articles, which the node keeps in memory
// (TagWindows): every change to what shares a tag must still show on the next view, with the page
// cache off, so that each view is rendered again.
public sealed class RelatedFreshnessTests : IDisposable
{
    private const int WindowsKept = 3;

    private readonly BroadsheetApp _app = new()
    {
        Settings = { ["Caching:Enabled"] = "false", ["Related:TagWindowsKept"] = WindowsKept.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private HttpClient? _reader;

    private HttpClient Reader => _reader ??= _app.CreateReader();

    private string PermalinkOf(Article article) => _app.Services.GetRequiredService<Permalinks>().For(article);

    private async Task<List<string?>> RelatedLinksAsync(Article article) =>
        [.. (await Reader.GetPageAsync(PermalinkOf(article))).QuerySelectorAll(".related-articles a").Select(a => a.GetAttribute("href"))];

    // Two older articles sharing the tag "snark" with a newer one, all in a section of their own.
    private async Task<(Article Subject, Article Older, Article Newer)> SnarkAsync()
    {
        await _app.AddSectionAndTagAsync("snark");
        await _app.AddSectionAndTagAsync("boojum");
        var subject = await _app.AddArticleAsync("The hunting of the snark", age: TimeSpan.FromHours(9), category: "snark", tags: ["snark"]);
        var older = await _app.AddArticleAsync("Fit the first", age: TimeSpan.FromHours(8), category: "snark", tags: ["snark"]);
        var newer = await _app.AddArticleAsync("Fit the second", age: TimeSpan.FromHours(7), category: "snark", tags: ["snark", "boojum"]);
        Assert.Equal([PermalinkOf(newer), PermalinkOf(older)], (await RelatedLinksAsync(subject)).Take(2));
        return (subject, older, newer);
    }

    [Fact]
    public async Task A_newly_published_article_sharing_a_tag_shows_under_an_older_one_on_the_next_view()
    {
        var (subject, _, _) = await SnarkAsync();

        var latest = await _app.AddArticleAsync("Fit the third", age: TimeSpan.FromMinutes(5), category: "snark", tags: ["snark"]);

        Assert.Equal(PermalinkOf(latest), (await RelatedLinksAsync(subject))[0]);
    }

    [Fact]
    public async Task An_article_taken_back_to_draft_leaves_the_related_reading_on_the_next_view()
    {
        var (subject, _, newer) = await SnarkAsync();

        await _app.UpdateArticleAsync(newer.Id, a => a.Status = ArticleStatus.Draft);

        Assert.DoesNotContain(PermalinkOf(newer), await RelatedLinksAsync(subject));
    }

    [Fact]
    public async Task A_deleted_article_leaves_the_related_reading_on_the_next_view()
    {
        var (subject, _, newer) = await SnarkAsync();

        await _app.WithDbAsync(async db =>
        {
            db.Articles.Remove(await db.Articles.Include(a => a.Tags).FirstAsync(a => a.Id == newer.Id, TestContext.Current.CancellationToken));
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        Assert.DoesNotContain(PermalinkOf(newer), await RelatedLinksAsync(subject));
    }

    [Fact]
    public async Task An_article_that_loses_the_shared_tag_falls_behind_those_that_keep_it_on_the_next_view()
    {
        var (subject, older, newer) = await SnarkAsync();

        await _app.UpdateArticleAsync(newer.Id, a => a.Tags.RemoveAll(t => t.Slug == "snark"));

        // Still in the section, so it may come back as one of the section's latest, but no longer first.
        var related = await RelatedLinksAsync(subject);
        Assert.Equal(PermalinkOf(older), related[0]);
    }

    [Fact]
    public async Task A_scheduled_article_sharing_a_tag_shows_once_it_is_due()
    {
        var (subject, _, _) = await SnarkAsync();
        var scheduled = await _app.AddArticleAsync("Fit the fourth", status: ArticleStatus.Scheduled, age: TimeSpan.FromHours(-2),
            category: "snark", tags: ["snark"]);
        Assert.DoesNotContain(PermalinkOf(scheduled), await RelatedLinksAsync(subject));

        _app.Time.Advance(TimeSpan.FromHours(3));

        // The newsroom's hourly job publishes it in the background.
        await Until.TrueAsync(async () => (await RelatedLinksAsync(subject)).FirstOrDefault() == PermalinkOf(scheduled));
    }

    [Fact]
    public async Task An_article_published_for_a_later_time_shows_when_that_time_comes_without_any_write()
    {
        var (subject, _, _) = await SnarkAsync();
        var later = await _app.AddArticleAsync("Fit the fifth", age: TimeSpan.FromSeconds(-20), category: "snark", tags: ["snark"]);
        Assert.DoesNotContain(PermalinkOf(later), await RelatedLinksAsync(subject));

        // Well within the time the windows are kept: the publication time is asked on every view.
        _app.Time.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal(PermalinkOf(later), (await RelatedLinksAsync(subject))[0]);
    }

    [Fact]
    public async Task A_tag_given_behind_the_apps_back_shows_once_the_kept_windows_are_a_minute_old()
    {
        var (subject, _, newer) = await SnarkAsync();
        var untagged = await _app.AddArticleAsync("An untagged fit", age: TimeSpan.FromMinutes(5), category: "snark");
        Assert.Equal(PermalinkOf(newer), (await RelatedLinksAsync(subject))[0]);

        // As a command-line import or a node without Redis would: no interceptor of this node hears it.
        await _app.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var snark = await db.Tags.Where(t => t.Slug == "snark").Select(t => t.Id).SingleAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using DbCommand insert = db.Database.GetDbConnection().CreateCommand();
            insert.CommandText = "INSERT INTO \"ArticleTags\" (\"ArticlesId\", \"TagsId\") VALUES (@article, @tag)";
            foreach (var (name, value) in new[] { ("article", untagged.Id), ("tag", snark) })
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                insert.Parameters.Add(parameter);
            }
            return await insert.ExecuteNonQueryAsync(ct);
        });
        Assert.Equal(PermalinkOf(newer), (await RelatedLinksAsync(subject))[0]);

        _app.Time.Advance(Broadsheet.Shared.SiteWideCopy<object>.Lifetime);

        Assert.Equal(PermalinkOf(untagged), (await RelatedLinksAsync(subject))[0]);
    }

    [Fact]
    public async Task No_more_tag_windows_are_kept_than_the_setting_allows_and_articles_with_more_tags_still_rank_whole()
    {
        string[] tags = ["jubjub", "bandersnatch", "tove", "rath", "borogove"];
        var pairs = new List<(Article Subject, Article Sibling)>();
        foreach (var tag in tags)
        {
            await _app.AddSectionAndTagAsync(tag);
            var sibling = await _app.AddArticleAsync($"The {tag} again", age: TimeSpan.FromHours(5), category: tag, tags: [tag]);
            pairs.Add((await _app.AddArticleAsync($"The {tag}", age: TimeSpan.FromHours(4), category: tag, tags: [tag]), sibling));
        }
        var everything = await _app.AddArticleAsync("Every creature at once", age: TimeSpan.FromHours(1), category: tags[0], tags: tags);
        var windows = _app.Services.GetRequiredService<TagWindows>();

        foreach (var (subject, sibling) in pairs)
        {
            // In either order: the one in the subject's section first.
            Assert.Equal(new[] { PermalinkOf(everything), PermalinkOf(sibling) }.Order(StringComparer.Ordinal),
                (await RelatedLinksAsync(subject)).Take(2).Order(StringComparer.Ordinal));
            Assert.InRange(windows.Count, 1, WindowsKept);
        }
        // Five tags, more than are kept: the windows read and not kept still count whole.
        Assert.Equal(PermalinkOf(pairs[0].Subject), (await RelatedLinksAsync(everything))[0]);
        Assert.InRange(windows.Count, 1, WindowsKept);
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _app.Dispose();
    }
}
