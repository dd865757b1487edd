using Broadsheet.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Search;

// Related reading under an article, as a reader sees it: the order of the links and which
// articles may never appear. Each test names sections and tags of its own in the shared site.
public sealed class RelatedArticlesTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private readonly HttpClient _reader = app.CreateReader();

    private string PermalinkOf(Article article) => app.Services.GetRequiredService<Permalinks>().For(article);

    private async Task<List<string?>> RelatedLinksAsync(Article article) =>
        [.. (await _reader.GetPageAsync(PermalinkOf(article))).QuerySelectorAll(".related-articles a").Select(a => a.GetAttribute("href"))];

    [Fact]
    public async Task Related_articles_rank_more_shared_tags_first_then_the_same_section_then_the_newest()
    {
        await app.AddSectionAndTagAsync("vorpal");
        await app.AddSectionAndTagAsync("tumtum");
        var bothTags = await app.AddArticleAsync("Shares both tags", age: TimeSpan.FromHours(6), category: "tumtum", tags: ["vorpal", "tumtum"]);
        var sameSection = await app.AddArticleAsync("Shares one tag and the section", age: TimeSpan.FromHours(5), category: "vorpal", tags: ["vorpal"]);
        var olderOther = await app.AddArticleAsync("Shares one tag, older", age: TimeSpan.FromHours(4), category: "tumtum", tags: ["vorpal"]);
        var newerOther = await app.AddArticleAsync("Shares one tag, newer", age: TimeSpan.FromHours(3), category: "tumtum", tags: ["tumtum"]);
        await app.AddArticleAsync("A draft sharing both tags", status: ArticleStatus.Draft, category: "vorpal", tags: ["vorpal", "tumtum"]);
        var subject = await app.AddArticleAsync("The vorpal blade", age: TimeSpan.FromHours(2), category: "vorpal", tags: ["vorpal", "tumtum"]);

        var related = await RelatedLinksAsync(subject);

        Assert.Equal([PermalinkOf(bothTags), PermalinkOf(sameSection), PermalinkOf(newerOther), PermalinkOf(olderOther)], related);
    }

    [Fact]
    public async Task Related_reading_is_never_short_when_the_newest_articles_sharing_the_tags_are_drafts_or_scheduled()
    {
        await app.AddSectionAndTagAsync("frabjous");
        await app.AddSectionAndTagAsync("beamish");
        var published = new List<Article>();
        for (var i = 0; i < 4; i++)
        {
            published.Add(await app.AddArticleAsync($"Frabjous day {i}", age: TimeSpan.FromHours(6 - i), category: "frabjous", tags: ["frabjous"]));
        }
        // In a section of its own, so that only the shared tag can find the published four.
        var subject = await app.AddArticleAsync("Callooh callay", age: TimeSpan.FromHours(1), category: "beamish", tags: ["frabjous"]);
        for (var i = 0; i < 14; i++)
        {
            await app.AddArticleAsync($"Frabjous draft {i}", status: ArticleStatus.Draft, category: "frabjous", tags: ["frabjous"]);
        }
        await app.AddArticleAsync("Frabjous tomorrow", status: ArticleStatus.Scheduled, age: TimeSpan.FromHours(-20), category: "frabjous", tags: ["frabjous"]);
        await app.AddArticleAsync("Frabjous later today", age: TimeSpan.FromHours(-2), category: "frabjous", tags: ["frabjous"]);

        var related = await RelatedLinksAsync(subject);

        Assert.Equal([.. Enumerable.Reverse(published).Select(PermalinkOf)], related);
    }

    [Fact]
    public async Task Without_shared_tags_the_alike_articles_come_first_then_the_sections_latest_each_once()
    {
        await app.AddSectionAndTagAsync("wabe");
        await app.AddSectionAndTagAsync("tulgey");
        var older = await app.AddArticleAsync("Borogoves at dusk", age: TimeSpan.FromHours(8), category: "wabe");
        var newer = await app.AddArticleAsync("Mome raths at dawn", age: TimeSpan.FromHours(7), category: "wabe");
        await app.AddArticleAsync("Slithy toves outgribe in draft", status: ArticleStatus.Draft, category: "wabe");
        // Alike in its words, and in the section too: shown once, among the alike.
        var alike = await app.AddArticleAsync("Slithy toves outgribe again", age: TimeSpan.FromHours(3), category: "wabe");
        var subject = await app.AddArticleAsync("Slithy toves outgribe", age: TimeSpan.FromHours(1), category: "wabe");

        var related = await RelatedLinksAsync(subject);

        Assert.Equal([PermalinkOf(alike), PermalinkOf(newer), PermalinkOf(older)], related);
    }
}
