using System.Net;
using Broadsheet.Articles;
using Broadsheet.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Search;

public sealed class SearchTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private readonly HttpClient _reader = app.CreateReader();

    private BroadsheetApp App => app;

    private async Task<List<string>> TitlesFoundAsync(string query)
    {
        var page = await _reader.GetPageAsync("/search?q=" + Uri.EscapeDataString(query));
        return [.. page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent)];
    }

    [Fact]
    public async Task A_title_match_outranks_a_body_match()
    {
        await App.AddArticleAsync("Quillfeather regatta postponed", body: "The sailing club met on Tuesday.", age: TimeSpan.FromDays(20));
        await App.AddArticleAsync("Council budget approved", body: "Among other items, the quillfeather grant was renewed.");

        Assert.Equal(["Quillfeather regatta postponed", "Council budget approved"], await TitlesFoundAsync("quillfeather"));
    }

    [Fact]
    public async Task An_exact_phrase_outranks_scattered_words()
    {
        await App.AddArticleAsync("Market report", body: "The glass trade grew, and so did the brass trade, in the zembla region.");
        await App.AddArticleAsync("Museum report", body: "A new hall for zembla glass opened today.", age: TimeSpan.FromDays(3));

        Assert.Equal(["Museum report", "Market report"], await TitlesFoundAsync("zembla glass"));
    }

    [Fact]
    public async Task English_words_are_found_by_their_stem()
    {
        await App.AddArticleAsync("Kite day on the dunes", body: "Families were flying vorpal kites all afternoon.");

        Assert.Contains("Kite day on the dunes", await TitlesFoundAsync("vorpal kite fly"));
    }

    [Fact]
    public async Task Quotes_search_for_a_phrase_and_a_minus_excludes_a_word()
    {
        await App.AddArticleAsync("Lantern walk", body: "The brillig lantern walk starts at dusk.");
        await App.AddArticleAsync("Lantern repairs", body: "The lantern on the brillig pier needs repairs.");

        Assert.Equal(["Lantern walk"], await TitlesFoundAsync("\"brillig lantern\""));
        Assert.Equal(["Lantern walk"], await TitlesFoundAsync("brillig lantern -repairs"));
    }

    [Fact]
    public async Task Chinese_text_without_spaces_is_found_by_short_and_long_words()
    {
        await App.AddArticleAsync("港口重建计划公布", body: "市政府今天公布了港口重建计划，预计明年完工。");

        Assert.Contains("港口重建计划公布", await TitlesFoundAsync("重建"));
        Assert.Contains("港口重建计划公布", await TitlesFoundAsync("明年完工"));
        Assert.DoesNotContain("港口重建计划公布", await TitlesFoundAsync("机场"));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("*")]
    [InlineData("harbour*")]
    [InlineData("NEAR(harbour council")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("title:harbour OR body:x")]
    [InlineData("^harbour + - \" \"\" ( ) { } :")]
    [InlineData("AND OR NOT")]
    [InlineData("-")]
    [InlineData("\u0000\u0001harbour\u001b[31m\u200b")]
    [InlineData("%_\\")]
    [InlineData("重")]
    public async Task Any_input_gives_results_or_no_results_never_an_error(string query)
    {
        var response = await _reader.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Reader.ParseAsync(response);
        Assert.NotNull(page.QuerySelector(".search-count"));
    }

    [Fact]
    public async Task A_ten_thousand_character_query_gives_an_answer()
    {
        var query = string.Concat(Enumerable.Repeat("harbour \"council ", 1000))[..10_000];

        var response = await _reader.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_never_found_until_their_time_comes()
    {
        await App.AddArticleAsync("Frabjous draft", status: ArticleStatus.Draft);
        await App.AddArticleAsync("Frabjous scheduled", status: ArticleStatus.Scheduled, age: TimeSpan.FromHours(-5));
        await App.AddArticleAsync("Frabjous later", age: TimeSpan.FromHours(-2));

        Assert.Empty(await TitlesFoundAsync("frabjous"));
        App.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(["Frabjous later"], await TitlesFoundAsync("frabjous"));
    }

    [Fact]
    public async Task Editing_unpublishing_and_deleting_an_article_update_the_index_at_once()
    {
        var article = await App.AddArticleAsync("Slithy toves spotted", tags: ["harbour"]);
        Assert.Equal(["Slithy toves spotted"], await TitlesFoundAsync("slithy"));

        await App.UpdateArticleAsync(article.Id, a => a.Title = "Mimsy borogoves spotted");
        Assert.Empty(await TitlesFoundAsync("slithy"));
        Assert.Equal(["Mimsy borogoves spotted"], await TitlesFoundAsync("mimsy"));

        await App.UpdateArticleAsync(article.Id, a => a.Status = ArticleStatus.Draft);
        Assert.Empty(await TitlesFoundAsync("mimsy"));

        await App.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id)
            .ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        var indexed = await App.WithDbAsync(db => (BroadsheetApp.IsPostgres
                ? db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"ArticleSearch\" WHERE \"ArticleId\" = {article.Id}")
                : db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM ArticleSearch WHERE rowid = {article.Id}"))
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, indexed);
    }

    [Fact]
    public async Task Articles_are_found_by_tag_and_author_name()
    {
        await App.WithDbAsync(db =>
        {
            db.Tags.Add(new Broadsheet.Taxonomy.Tag { Name = "Jabberwock", Slug = "jabberwock" });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        await App.AddArticleAsync("Sighting on the moor", tags: ["jabberwock"]);

        Assert.Contains("Sighting on the moor", await TitlesFoundAsync("jabberwock"));
        Assert.NotEmpty(await TitlesFoundAsync("Maren Holt"));
    }

    [Fact]
    public async Task Snippets_highlight_matches_and_encode_the_text()
    {
        await App.AddArticleAsync("Escaping test", body: "Someone wrote <script>alert(1)</script> near the uffish tree.");

        var page = await _reader.GetPageAsync("/search?q=uffish");

        var snippet = page.QuerySelector(".search-results .snippet")!;
        Assert.Equal("uffish", snippet.QuerySelector("mark")!.TextContent);
        Assert.Null(snippet.QuerySelector("script"));
        // SQLite's snippet keeps the text as written; PostgreSQL's ts_headline leaves tags out.
        Assert.Contains(BroadsheetApp.IsPostgres ? "alert(1)" : "<script>alert(1)</script>", snippet.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_of_the_same_shape_each_find_their_own_words()
    {
        await App.AddArticleAsync("Quorble ferry timetable", body: "The zindle ferry leaves at nine.");
        await App.AddArticleAsync("Zindle market day", body: "Stalls along the quorble quay.", age: TimeSpan.FromDays(2));

        Assert.Equal(["Quorble ferry timetable", "Zindle market day"], await TitlesFoundAsync("quorble"));
        Assert.Equal(["Zindle market day", "Quorble ferry timetable"], await TitlesFoundAsync("zindle"));
        Assert.Equal(["Zindle market day"], await TitlesFoundAsync("quorble -ferry"));
        Assert.Equal(["Quorble ferry timetable"], await TitlesFoundAsync("zindle -market"));
        var beyond = await _reader.GetPageAsync("/search?q=quorble&page=3");
        Assert.Empty(beyond.QuerySelectorAll(".search-results li"));
        // A page past the end still counts the matches (PostgreSQL's used to fail on its empty id list).
        Assert.Equal("2 results.", beyond.QuerySelector(".search-count")!.TextContent);
    }

    [Fact]
    public async Task Results_are_paginated()
    {
        for (var i = 0; i < 12; i++)
        {
            await App.AddArticleAsync($"Galumphing number {i}", age: TimeSpan.FromHours(i + 1));
        }

        var first = await _reader.GetPageAsync("/search?q=galumphing");
        var second = await _reader.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal("12 results.", first.QuerySelector(".search-count")!.TextContent);
        Assert.Equal(10, first.QuerySelectorAll(".search-results li").Length);
        Assert.Equal(2, second.QuerySelectorAll(".search-results li").Length);
    }

    [Fact]
    public async Task A_word_found_in_very_many_articles_ranks_the_latest_and_says_there_are_more()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "SQLite ranks a bounded set of the latest matches");
        for (var i = 0; i < SqliteSearchPlan.Candidates + 5; i++)
        {
            await App.AddArticleAsync(i == 0 ? "Snark hunt in the title" : $"Bellman notes {i}", body: "The snark was seen again.");
        }

        var first = await _reader.GetPageAsync("/search?q=snark");
        var last = await _reader.GetPageAsync($"/search?q=snark&page={SqliteSearchPlan.Candidates / 10}");

        Assert.Equal($"More than {SqliteSearchPlan.Candidates} results; showing the best of the latest {SqliteSearchPlan.Candidates}.",
            first.QuerySelector(".search-count")!.TextContent);
        Assert.Equal(10, first.QuerySelectorAll(".search-results li").Length);
        Assert.DoesNotContain("Snark hunt in the title", first.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent));
        Assert.Equal(10, last.QuerySelectorAll(".search-results li").Length);
        Assert.Null(last.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Every_page_offers_a_search_box_that_leads_to_the_search_page()
    {
        var home = await _reader.GetPageAsync("/");

        var form = home.QuerySelector(".masthead form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
    }

    [Fact]
    public async Task The_WordPress_search_address_redirects_to_the_search_page()
    {
        var response = await _reader.GetAsync(new Uri("/?s=harbour%20wall", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/search?q=harbour%20wall", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Rebuilding_the_index_restores_a_lost_index()
    {
        await App.AddArticleAsync("Tulgey wood cleared");
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleSearch\"", TestContext.Current.CancellationToken));
        Assert.Empty(await TitlesFoundAsync("tulgey"));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IArticleSearch>().RebuildAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["Tulgey wood cleared"], await TitlesFoundAsync("tulgey"));
    }

    [Fact]
    public async Task A_snippet_shows_the_body_around_the_first_match_with_every_searched_word_marked()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "PostgreSQL's ts_headline chooses its own fragment");
        var lead = string.Join(' ', Enumerable.Repeat("The tide came in and went out again.", 12));
        await App.AddArticleAsync("Shore notes", body: $"{lead} Then the Frumious ferry passed the frumious bandersnatch at noon. {lead}");

        var page = await _reader.GetPageAsync("/search?q=" + Uri.EscapeDataString("frumious bandersnatch"));

        var snippet = page.QuerySelector(".search-results .snippet")!;
        Assert.Equal(["Frumious", "frumious", "bandersnatch"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.StartsWith("…", snippet.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet.TextContent, StringComparison.Ordinal);
        Assert.True(snippet.TextContent.Length < 300, snippet.TextContent);
    }

    [Fact]
    public async Task Words_found_by_their_stem_or_without_their_accents_are_marked_too()
    {
        Assert.SkipWhen(BroadsheetApp.IsPostgres, "PostgreSQL's ts_headline marks by its own dictionary");
        // Words no other test of this class uses: the class shares one site.
        await App.AddArticleAsync("Snickersnee report", body: "The snickersnee blades were gyring in the wabe.");
        await App.AddArticleAsync("Jubjub report", body: "All jubjub were the burbles at the Café Mome.");
        await App.AddArticleAsync("Outgrabe report", excerpt: "Nothing in the excerpt.", body: "Nothing in the body.");

        Assert.Equal(["snickersnee", "blades"], await MarksAsync("blade snickersnee -jubjub"));
        Assert.Equal(["Café", "Mome"], await MarksAsync("cafe mome"));
        Assert.Equal(["burbles"], await MarksAsync("burble"));
        await App.AddArticleAsync("Raths report", body: "The mome raths crossed both straßes.");
        Assert.Equal(["straßes"], await MarksAsync("straße"));
        // Found by its title only: the excerpt is shown as it is.
        Assert.Empty(await MarksAsync("outgrabe"));
    }

    private async Task<List<string>> MarksAsync(string query)
    {
        var page = await _reader.GetPageAsync("/search?q=" + Uri.EscapeDataString(query));
        Assert.NotNull(page.QuerySelector(".search-results .snippet"));
        return [.. page.QuerySelectorAll(".search-results .snippet mark").Select(m => m.TextContent)];
    }
}
