using System.Net;
using Broadsheet.Articles;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Tests.Articles;

// The sections and the bylines are kept in memory (SectionList, Bylines); with the page cache off, every page below is
// rendered afresh, so what it shows comes from that copy: each change must show at once.
public sealed class SectionListTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BroadsheetApp Uncached() => new() { Settings = { ["Caching:Enabled"] = "false" } };

    private static async Task<List<string>> MastheadAsync(HttpClient reader) =>
        [.. (await reader.GetPageAsync("/")).QuerySelectorAll("nav.sections a").Select(a => a.TextContent)];

    [Fact]
    public async Task A_new_section_appears_in_the_masthead_and_answers_at_its_address_as_soon_as_it_has_an_article()
    {
        using var app = Uncached();
        var reader = app.CreateReader();
        var before = await MastheadAsync(reader);
        await app.WithDbAsync(db =>
        {
            db.Categories.Add(new Category { Name = "Features", Slug = "features", Description = "Long reads" });
            return db.SaveChangesAsync(Cancel);
        });
        var empty = await MastheadAsync(reader);
        var archive = await reader.GetPageAsync("/category/features/");

        await app.WithDbAsync(async db =>
        {
            var template = await db.Articles.AsNoTracking().FirstAsync(Cancel);
            var features = await db.Categories.SingleAsync(c => c.Slug == "features", Cancel);
            db.Articles.Add(new Article
            {
                Title = "A long read", Slug = "a-long-read", BodyMarkdown = "x", BodyHtml = "<p>x</p>", Status = ArticleStatus.Published,
                PublishedAt = BroadsheetApp.Start.UtcDateTime.AddMinutes(-1), UpdatedAt = BroadsheetApp.Start.UtcDateTime,
                AuthorId = template.AuthorId, CategoryId = features.Id,
            });
            return await db.SaveChangesAsync(Cancel);
        });
        var after = await MastheadAsync(reader);

        Assert.DoesNotContain("Features", before);
        Assert.DoesNotContain("Features", empty); // a section without articles stays out of the masthead
        Assert.Equal("Features", archive.QuerySelector(".archive-header h1")!.TextContent);
        Assert.Equal("Long reads", archive.QuerySelector(".archive-header p:not(.kicker)")!.TextContent);
        Assert.Contains("Features", after);
        Assert.Equal(after.Order(StringComparer.Ordinal), after);
    }

    [Fact]
    public async Task A_renamed_section_shows_its_new_name_and_address_at_once_whether_saved_or_changed_in_bulk()
    {
        using var app = Uncached();
        var reader = app.CreateReader();
        var slug = await app.WithDbAsync(db => db.Categories.OrderBy(c => c.Name).Select(c => c.Slug).FirstAsync(Cancel));
        var before = await MastheadAsync(reader);

        await app.WithDbAsync(async db =>
        {
            var category = await db.Categories.SingleAsync(c => c.Slug == slug, Cancel);
            category.Name = "Renamed";
            return await db.SaveChangesAsync(Cancel);
        });
        var saved = await MastheadAsync(reader);
        await app.WithDbAsync(db => db.Categories.Where(c => c.Slug == slug)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Slug, "renamed-in-bulk"), Cancel));
        var oldAddress = await reader.GetAsync(new Uri($"/category/{slug}/", UriKind.Relative), Cancel);
        var newAddress = await reader.GetAsync(new Uri("/category/renamed-in-bulk/", UriKind.Relative), Cancel);

        Assert.DoesNotContain("Renamed", before);
        Assert.Contains("Renamed", saved);
        Assert.Equal(HttpStatusCode.NotFound, oldAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAddress.StatusCode);
    }

    [Fact]
    public async Task An_author_s_new_name_and_bio_show_on_their_archive_at_once()
    {
        using var app = Uncached();
        var reader = app.CreateReader();
        var slug = await app.WithDbAsync(db => db.Authors.OrderBy(a => a.Id).Select(a => a.Slug).FirstAsync(Cancel));
        var before = await reader.GetPageAsync($"/author/{slug}/");

        await app.WithDbAsync(async db =>
        {
            var author = await db.Authors.SingleAsync(a => a.Slug == slug, Cancel);
            (author.Name, author.Bio) = ("Renamed Reporter", "Covers the harbour.");
            return await db.SaveChangesAsync(Cancel);
        });
        var after = await reader.GetPageAsync($"/author/{slug}/");
        var unknown = await reader.GetAsync(new Uri("/author/nobody-here/", UriKind.Relative), Cancel);

        Assert.NotEqual("Renamed Reporter", before.QuerySelector(".archive-header h1")!.TextContent);
        Assert.Equal("Renamed Reporter", after.QuerySelector(".archive-header h1")!.TextContent);
        Assert.Equal("Covers the harbour.", after.QuerySelector(".archive-header p:not(.kicker)")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
