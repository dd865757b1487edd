using System.Globalization;
using System.Text;
using Broadsheet.Authors;
using Broadsheet.Data;
using Broadsheet.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Broadsheet.Bench.Search;

// A generated newsroom: English-like articles from a Zipf-distributed vocabulary (a few words
// common, most rare, as in real text), one in twenty in Chinese, a few drafts, spread over ten
// years. Seeded, so every run searches the same text.
public static class Newsroom
{
    public static readonly string[] Queries =
    [
        "harbour", "council budget", "\"harbour wall\"", "ferry -storm", "festival music night",
        "fishing quota announced", "zyxwvut", "港口", "重建计划", "a",
    ];

    private static readonly string[] Common =
    [
        "harbour", "council", "budget", "ferry", "storm", "festival", "music", "night", "fishing", "quota",
        "announced", "school", "market", "theatre", "football", "wall", "rail", "ticket", "museum", "beach",
        "the", "and", "of", "to", "in", "a", "was", "for", "on", "with", "said", "town", "year", "new",
    ];

    private static readonly string[] ArticleColumns = ["$title", "$slug", "$body", "$excerpt", "$status", "$published", "$author", "$category"];

    private static readonly string[] Chinese = ["港口", "重建", "计划", "市政府", "今天", "公布", "明年", "完工", "渔业", "音乐节", "学校", "铁路"];

    public static async Task FillAsync(SqliteDb db, int count)
    {
        var random = new Random(20261129);
        // The topic words sit behind a hundred filler words, so they are frequent but not in every article.
        var vocabulary = Enumerable.Range(0, 100).Select(i => Word(random)).Concat(Common)
            .Concat(Enumerable.Range(0, 20_000).Select(i => Word(random))).ToArray();
        var authors = Enumerable.Range(1, 40).Select(i => new Author { Name = $"{Word(random)} {Word(random)}", Slug = $"author-{i}" }).ToList();
        var categories = Enumerable.Range(1, 12).Select(i => new Category { Name = Word(random), Slug = $"section-{i}" }).ToList();
        var tags = Enumerable.Range(1, 300).Select(i => new Tag { Name = Word(random), Slug = $"tag-{i}" }).ToList();
        db.AddRange(authors);
        db.AddRange(categories);
        db.AddRange(tags);
        await db.SaveChangesAsync();

        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
        // Plain parameterised inserts: EF change tracking would dominate the run. The triggers of
        // the migration fill the index exactly as for articles saved by the app.
        using var article = connection.CreateCommand();
        article.CommandText = """
            INSERT INTO Articles (Title, Slug, BodyMarkdown, BodyHtml, Excerpt, Status, PublishedAt, UpdatedAt, AreCommentsOpen, AuthorId, CategoryId)
            VALUES ($title, $slug, $body, '', $excerpt, $status, $published, $published, 1, $author, $category) RETURNING Id
            """;
        var parameters = ArticleColumns.ToDictionary(name => name, name => article.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter { ParameterName = name }));
        using var tag = connection.CreateCommand();
        tag.CommandText = "INSERT OR IGNORE INTO ArticleTags (ArticlesId, TagsId) VALUES ($article, $tag)";
        var tagArticle = tag.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter { ParameterName = "$article" });
        var tagId = tag.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter { ParameterName = "$tag" });
        var start = DateTime.UtcNow.AddYears(-10);
        for (var i = 0; i < count; i++)
        {
            var isChinese = i % 20 == 0;
            parameters["$title"].Value = isChinese ? Sentence(random, Chinese, 4, "") : Sentence(random, vocabulary, 8, " ");
            parameters["$slug"].Value = "article-" + i.ToString(CultureInfo.InvariantCulture);
            parameters["$body"].Value = isChinese ? Sentence(random, Chinese, 150, "") : Sentence(random, vocabulary, 400, " ");
            parameters["$excerpt"].Value = isChinese ? Sentence(random, Chinese, 20, "") : Sentence(random, vocabulary, 30, " ");
            parameters["$status"].Value = i % 50 == 7 ? "Draft" : "Published";
            parameters["$published"].Value = start.AddMinutes(i * (5_256_000.0 / count));
            parameters["$author"].Value = authors[random.Next(authors.Count)].Id;
            parameters["$category"].Value = categories[random.Next(categories.Count)].Id;
            var id = Convert.ToInt32(await article.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            for (var t = 0; t < 3; t++)
            {
                (tagArticle.Value, tagId.Value) = (id, tags[random.Next(tags.Count)].Id);
                await tag.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    // Zipf-like: index ~ vocabulary.Length ^ u, so low indexes (the common words) come up most often.
    private static string Sentence(Random random, string[] words, int length, string separator)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(i == 0 ? "" : separator).Append(words[(int)Math.Pow(words.Length, random.NextDouble()) - 1]);
        }
        return text.ToString();
    }

    private static string Word(Random random) =>
        string.Create(random.Next(4, 10), random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + r.Next(26));
            }
        });
}
