using System.Data.Common;
using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Broadsheet.Tests.Search;

// The articles sharing tags are counted and ranked in the app, no longer by the database: the
// ranking must stay the one the earlier statement (kept below as the reference) gave, ties,
// sections, times and the whole-window fallback included.
public sealed class RelatedRankingTests(BroadsheetApp app) : IClassFixture<BroadsheetApp>
{
    private static readonly string[] TagSlugs = ["snark-a", "snark-b", "snark-c", "snark-d", "snark-e"];

    [Fact]
    public async Task Articles_sharing_tags_rank_as_the_earlier_statement_ranked_them_on_a_site_full_of_ties_and_drafts()
    {
        foreach (var slug in TagSlugs)
        {
            await app.AddSectionAndTagAsync(slug);
        }
        var ids = await AddSiteAsync();

        var compared = 0;
        var drafted = 0;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BroadsheetDb>();
        var related = scope.ServiceProvider.GetRequiredService<RelatedArticles>();
        var now = app.Time.GetUtcNow().UtcDateTime;
        var subjects = await db.Articles.Include(a => a.Tags).Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
        foreach (var subject in subjects.Where(a => a.IsPublished(now)))
        {
            var (expected, fellBack) = await ReferenceAsync(db, subject, now);
            var actual = (await related.ForAsync(subject, TestContext.Current.CancellationToken)).Related.Select(l => l.Id).ToList();

            Assert.Equal(expected, actual.Take(expected.Count));
            compared += expected.Count;
            drafted += fellBack ? 1 : 0;
        }
        // The site does exercise what it is meant to: many ranked links, and the fallback.
        Assert.True(compared > 100, $"only {compared} links compared");
        Assert.True(drafted > 0, "no subject needed the whole window");
    }

    // Sixty articles over two sections and five tags, three to a publication time, so that shared
    // counts, sections and times tie; some drafts, scheduled or future ones, and the newest
    // articles drafts carrying the first tag and others at random, so that for some subjects the
    // first shortlist holds too few published (those with the first tag alone), and for others enough (and then it alone decides,
    // though candidates past it might have ranked higher).
    private Task<List<int>> AddSiteAsync() => app.WithDbAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        var author = await db.Authors.OrderBy(a => a.Id).FirstAsync(ct);
        var sections = await db.Categories.Where(c => c.Slug == TagSlugs[0] || c.Slug == TagSlugs[1]).OrderBy(c => c.Id).ToListAsync(ct);
        var tags = await db.Tags.Where(t => TagSlugs.Contains(t.Slug)).OrderBy(t => t.Id).ToListAsync(ct);
        var random = new Random(1871);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var articles = new List<Article>();
        for (var i = 0; i < 60; i++)
        {
            var newestDrafts = i >= 48;
            var status = newestDrafts || i % 11 == 5 ? ArticleStatus.Draft : i % 13 == 7 ? ArticleStatus.Scheduled : ArticleStatus.Published;
            var article = new Article
            {
                Title = $"Snark hunt {i}",
                Slug = $"snark-hunt-{i}-" + Guid.NewGuid().ToString("N")[..6],
                BodyMarkdown = "",
                BodyHtml = "",
                Excerpt = "",
                Status = status,
                // Three articles to each time, not in id order; one in seventeen still to come.
                PublishedAt = now - TimeSpan.FromHours(i % 17 == 3 ? -5 : 30 - (i * 7 % 60) / 3),
                UpdatedAt = now,
                Author = author,
                Category = sections[random.Next(2)],
                Tags = newestDrafts ? [tags[0], .. tags.Skip(1).Where(_ => random.Next(2) > 0)]
                    : i % 9 == 0 ? [tags[0]] : [.. tags.Where(_ => random.Next(3) > 0)],
            };
            article.SetBody("Nothing much happened.");
            articles.Add(article);
        }
        db.Articles.AddRange(articles);
        await db.SaveChangesAsync(ct);
        return articles.Select(a => a.Id).ToList();
    });

    // The earlier ranking: the shortlist, and when drafts filled it the whole of the candidates.
    private static async Task<(List<int> Ids, bool FellBack)> ReferenceAsync(BroadsheetDb db, Article article, DateTime now)
    {
        var tagIds = article.Tags.Select(t => t.Id).Order().Take(10).ToList();
        if (tagIds.Count == 0)
        {
            return ([], false);
        }
        var shortlist = await ShortlistAsync(db, tagIds, article, now, 12);
        var fellBack = shortlist.Count(id => id is not null) < 4 && shortlist.Count == 12;
        if (fellBack)
        {
            shortlist = await ShortlistAsync(db, tagIds, article, now, 200 * tagIds.Count);
        }
        return ([.. shortlist.OfType<int>().Take(4)], fellBack);
    }

    private static async Task<List<int?>> ShortlistAsync(BroadsheetDb db, List<int> tagIds, Article article, DateTime now, int size)
    {
        var values = new List<object>(tagIds.Select(id => (object)id)) { article.Id, article.CategoryId, now, size };
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = ReferenceSql(tagIds.Count);
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }
            await using DbDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var rows = new List<int?>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(reader.IsDBNull(1) ? null : reader.GetInt32(1));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The statement as it ranked before, word for word.
    private static string ReferenceSql(int tagCount)
    {
        var slots = Enumerable.Range(0, tagCount).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var candidates = string.Join("\n        UNION ALL\n", slots.Select((slot, i) => $$"""
                    SELECT "ArticlesId" FROM (SELECT "ArticlesId" FROM "ArticleTags" WHERE "TagsId" = {{slot}}
                        ORDER BY "ArticlesId" DESC LIMIT 200) AS "t{{i}}"
            """));
        var (article, category, now, size) = ($"@p{tagCount}", $"@p{tagCount + 1}", $"@p{tagCount + 2}", $"@p{tagCount + 3}");
        return $$"""
            SELECT s."ArticlesId", a."Id", a."Title", a."Slug", a."PublishedAt"
            FROM (SELECT c."ArticlesId", COUNT(*) AS "Shared"
                FROM ({{candidates}}) AS c
                WHERE c."ArticlesId" <> {{article}}
                GROUP BY c."ArticlesId"
                ORDER BY COUNT(*) DESC, c."ArticlesId" DESC
                LIMIT {{size}}) AS s
            LEFT JOIN "Articles" AS a ON a."Id" = s."ArticlesId" AND a."Status" = 'Published'
                AND a."PublishedAt" <= {{now}} AND a."Kind" = 'Post'
            ORDER BY CASE WHEN a."Id" IS NULL THEN 1 ELSE 0 END, s."Shared" * 2 + CASE WHEN a."CategoryId" = {{category}} THEN 1 ELSE 0 END DESC,
                a."PublishedAt" DESC, a."Id" DESC
            """;
    }
}
