using System.Data.Common;
using System.Globalization;
using Broadsheet.Articles;
using Broadsheet.Comments;
using Broadsheet.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Bench;

// Writes a large site straight into the SQLite file with prepared statements in one transaction:
// EF's change tracker would take minutes for a million comments. The schema comes from the app's
// own migrations, and dates are written in the text form EF Core's SQLite provider uses.
internal static class SiteGenerator
{
    public const string FiftyCommentSlug = "bench-article-with-fifty-comments";
    public const string BigThreadSlug = "bench-article-with-five-thousand-comments";

    private static readonly string[] Words =
        ("harbour quay ferry tide council market school festival rain lifeboat fishing brass band bakery railway " +
         "station pier storm lighthouse museum library choir football allotment garden café theatre regatta " +
         "budget planning bridge estuary gull chandlery volunteer election mayor bus timetable ticket weather").Split(' ');

    private const int FiftyComments = 50, BigThreadComments = 5_000;

    public static async Task GenerateAsync(string dataDirectory, int articles, int comments)
    {
        if (articles < 2 || comments < 0)
        {
            throw new ArgumentException("--articles must be at least 2 (the two bench articles) and --comments at least 0.");
        }
        var (onFifty, onBigThread) = BenchCounts(comments);
        if (comments - onFifty - onBigThread > 0 && articles <= 2)
        {
            // The rest would land on the bench articles, whose counts the benchmarks rely on.
            throw new ArgumentException(
                $"{comments} comments need more than 2 articles: the two bench articles take {FiftyComments + BigThreadComments}, the rest go to the others.");
        }
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), "broadsheet.db");
        await using (var db = new SqliteDb(new DbContextOptionsBuilder<SqliteDb>().UseSqlite($"Data Source={path}").Options))
        {
            await DataSetup.PrepareAsync(db, ct => DemoContent.SeedIfEmptyAsync(db, TimeProvider.System, ct), CancellationToken.None);
        }
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var random = new Random(42);
        var authors = await IdsAsync(connection, transaction, "Authors");
        var categories = await IdsAsync(connection, transaction, "Categories");
        var tags = await IdsAsync(connection, transaction, "Tags");
        var now = DateTime.UtcNow;
        var bodies = Enumerable.Range(0, 20).Select(i => Body(new Random(i))).ToArray();

        var insertArticle = Command(connection, transaction,
            "INSERT INTO Articles (Title, Slug, BodyMarkdown, BodyHtml, Excerpt, Status, PublishedAt, UpdatedAt, AreCommentsOpen, AuthorId, CategoryId) " +
            "VALUES ($title, $slug, $md, $html, $excerpt, 'Published', $at, $at, 1, $author, $category) RETURNING Id",
            "$title", "$slug", "$md", "$html", "$excerpt", "$at", "$author", "$category");
        var insertTag = Command(connection, transaction, "INSERT OR IGNORE INTO ArticleTags (ArticlesId, TagsId) VALUES ($a, $t)", "$a", "$t");
        var articleIds = new List<long>(articles);
        for (var i = 0; i < articles; i++)
        {
            var (slug, title, at) = i switch
            {
                0 => (FiftyCommentSlug, "Bench: the article with fifty comments", now.AddHours(-1)),
                1 => (BigThreadSlug, "Bench: the article with five thousand comments", now.AddHours(-2)),
                _ => ($"bench-story-{i}", Title(random, i), now.AddMinutes(-random.Next(3 * 60, 10 * 365 * 24 * 60))),
            };
            var body = bodies[i % bodies.Length];
            var id = (long)(await RunAsync(insertArticle, title, slug, body.Markdown, body.Html, $"{title}: the short version.", Sql(at),
                authors[random.Next(authors.Count)], categories[random.Next(categories.Count)]))!;
            articleIds.Add(id);
            for (var t = 0; t < 3; t++)
            {
                await RunAsync(insertTag, id, tags[random.Next(tags.Count)]);
            }
        }
        await InsertCommentsAsync(connection, transaction, random, articleIds, comments, now);
        // The articles' stored thread counts, which the app keeps on its own writes only.
        await ExecuteAsync(connection, ThreadCounts.RecountAllSql, transaction);
        var shown = await ApprovedCountsAsync(connection, transaction);
        await transaction.CommitAsync();
        Console.WriteLine($"{articles} articles, {comments} comments in {path}");
        Console.WriteLine($"bench articles: {shown.GetValueOrDefault(FiftyCommentSlug)} and {shown.GetValueOrDefault(BigThreadSlug)} approved comments");
        // The benchmarks compare sites by these two pages: a site where they differ is no use.
        if (shown.GetValueOrDefault(FiftyCommentSlug) != onFifty || shown.GetValueOrDefault(BigThreadSlug) != onBigThread)
        {
            throw new InvalidOperationException($"the bench articles should have {onFifty} and {onBigThread} comments");
        }
    }

    // The comments each bench article gets: as many of the 50 and the 5,000 as there are comments.
    private static (int OnFifty, int OnBigThread) BenchCounts(int comments)
    {
        var onFifty = Math.Min(comments, FiftyComments);
        return (onFifty, Math.Min(comments - onFifty, BigThreadComments));
    }

    private static async Task<Dictionary<string, long>> ApprovedCountsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var command = Command(connection, transaction,
            "SELECT Slug, (SELECT COUNT(*) FROM Comments AS c WHERE c.ArticleId = a.Id AND c.Status = 'Approved') FROM Articles AS a " +
            "WHERE a.Slug IN ($fifty, $big)", "$fifty", "$big");
        command.Parameters[0].Value = FiftyCommentSlug;
        command.Parameters[1].Value = BigThreadSlug;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    // 50 on the first article (12 of them replies), 5,000 on the second, the rest spread at random
    // over the other articles, so that the two bench articles have exactly their counts on any site.
    private static async Task InsertCommentsAsync(SqliteConnection connection, SqliteTransaction transaction, Random random,
        List<long> articleIds, int comments, DateTime now)
    {
        var (onFifty, onBigThread) = BenchCounts(comments);
        var insert = Command(connection, transaction,
            "INSERT INTO Comments (ArticleId, ParentId, AuthorName, AuthorEmail, AuthorUrl, Content, RenderedHtml, Status, CreatedAt, IpAddress, UserAgent) " +
            "VALUES ($article, $parent, $name, $email, NULL, $content, $html, 'Approved', $at, $ip, 'bench') RETURNING Id",
            "$article", "$parent", "$name", "$email", "$content", "$html", "$at", "$ip");
        long? lastOnArticle = null;
        for (var i = 0; i < comments; i++)
        {
            var article = i < onFifty ? articleIds[0] : i < onFifty + onBigThread ? articleIds[1] : articleIds[2 + random.Next(articleIds.Count - 2)];
            var parent = i < onFifty && i % 4 == 3 ? lastOnArticle : null;
            var reader = random.Next(20_000);
            var at = now.AddDays(-1).AddSeconds(i % 80_000);
            var content = Sentence(random, 30);
            var id = (long)(await RunAsync(insert, article, parent, $"Reader {reader}", $"reader{reader}@example.org",
                content, CommentRendering.ToHtml(content, null), Sql(at), $"198.51.100.{reader % 250}"))!;
            lastOnArticle = i < onFifty ? id : null;
        }
    }

    private static (string Markdown, string Html) Body(Random random)
    {
        var paragraphs = Enumerable.Range(0, 8).Select(_ => Sentence(random, 70));
        var markdown = string.Join("\n\n", paragraphs);
        return (markdown, ArticleBody.ToHtml(markdown));
    }

    private static string Title(Random random, int i) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Sentence(random, 7).TrimEnd('.')) + string.Create(CultureInfo.InvariantCulture, $" ({i})");

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)])) + ".";

    private static string Sql(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static async Task<List<long>> IdsAsync(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        var ids = new List<long>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT Id FROM {table}"; // table names are constants of this file
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static Task<object?> RunAsync(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }
}
