using System.Collections.Concurrent;
using System.Data.Common;
using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

#pragma warning disable EF1002, EF1003 // SQL text is built only from our own constants, table names and integer ids; user input travels as parameters.

namespace Broadsheet.Search;

// Search on SQLite's FTS5. Raw SQL because LINQ cannot express MATCH, bm25() or highlight(). The
// index tables and the triggers that fill them come from the Discovery migration; this class only
// reads them, and rebuilds them on request. Every value is a parameter; MATCH expressions are
// built from terms SearchQuery quoted itself.
public sealed partial class SqliteFtsSearch(BroadsheetDb db, SiteClock clock, ILogger<SqliteFtsSearch> logger) : IArticleSearch
{
    // Same rule as ArticleQueries.Published(now).
    private static string PublishedRule(string now) => $"a.Status = 'Published' AND a.PublishedAt <= {now}";

    // Newer articles rank up to twice as high as old ones; after about a month the boost fades.
    private static string RecencyBoost(string now) => $"(1.0 + 1.0 / (1.0 + max(0.0, julianday({now}) - julianday(a.PublishedAt)) / 30.0))";

    public async Task<SearchResults> SearchAsync(SearchQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        if (query.IsEmpty || pageNumber < 1)
        {
            return new SearchResults([], 0);
        }
        var plan = SqliteSearchPlan.For(query);
        try
        {
            var rows = await PageReads.ListAsync(db, PageSql(plan), plan.Values(clock.UtcNow, pageSize, (pageNumber - 1) * pageSize),
                HitRow.Read, cancellationToken);
            var (total, found) = rows.Count > 0 ? (rows[0].Total, rows[0].Found)
                : pageNumber == 1 ? (0, null)
                : await CountAsync(plan, cancellationToken); // a page past the end still tells how many there are
            var snippets = new ResultSnippets(db, plan, query);
            var hits = new List<SearchHit>(rows.Count);
            foreach (var row in rows)
            {
                hits.Add(row.ToHit(await snippets.ForAsync(row, cancellationToken)));
            }
            return new SearchResults(hits, Math.Min(total, SqliteSearchPlan.Candidates), found > SqliteSearchPlan.Candidates);
        }
        catch (SqliteException exception)
        {
            // Reached only if a quoted term still upsets FTS5; the reader gets "no results", we get the log.
            LogFailedSearch(logger, exception, query.Terms.Count);
            return new SearchResults([], 0);
        }
    }

    // One statement for the page: the ranked candidates with their count (a window over the same
    // rows, so no second pass), then what the list shows of each of the page's articles and its
    // snippet. CROSS JOINs keep the page's rows as the outer loop.
    // Run through PageReads, not EF: a search runs on every view, and plans of one shape (most are
    // one or a few words) share one SQL text, kept here, so that the text is not built again nor,
    // once prepared statements are kept per connection, parsed again. Rare shapes beyond the first
    // few dozen are built each time.
    private static readonly ConcurrentDictionary<string, string> PageSqlByShape = new(StringComparer.Ordinal);
    private const int ShapesKept = 64;

    private static string PageSql(SqliteSearchPlan plan)
    {
        var shape = plan.Shape;
        if (PageSqlByShape.TryGetValue(shape, out var sql))
        {
            return sql;
        }
        sql = BuildPageSql(plan);
        if (PageSqlByShape.Count < ShapesKept)
        {
            PageSqlByShape.TryAdd(shape, sql);
        }
        return sql;
    }

    private static string BuildPageSql(SqliteSearchPlan plan) => $"""
        SELECT p.Id, p.Total, p.Found, a.Title, a.Slug, a.Excerpt, a.PublishedAt,
               au.Name AS AuthorName, au.Slug AS AuthorSlug, c.Name AS CategoryName, c.Slug AS CategorySlug,
               a.ApprovedCommentCount AS CommentCount,
               {(plan.MarksWordsInText ? "NULL" : plan.Snippet)} AS Snippet, {(plan.MarksWordsInText ? "a.BodyMarkdown" : "NULL")} AS Body
        FROM (SELECT a.Id, ({plan.Score}) * {RecencyBoost(plan.Now)} AS Rank, a.PublishedAt AS At, count(*) OVER () AS Total, {plan.Found} AS Found
              FROM {plan.From}
              WHERE {PublishedRule(plan.Now)} {plan.Conditions}
              ORDER BY Rank, a.PublishedAt DESC, a.Id DESC
              LIMIT {plan.Take} OFFSET {plan.Skip}) p
        CROSS JOIN Articles a ON a.Id = p.Id
        CROSS JOIN Authors au ON au.Id = a.AuthorId
        CROSS JOIN Categories c ON c.Id = a.CategoryId
        {(plan.MarksWordsInText ? "" : plan.SnippetJoin("p.Id"))}
        ORDER BY p.Rank, p.At DESC, p.Id DESC
        """;

    private async Task<(int Total, int? Found)> CountAsync(SqliteSearchPlan plan, CancellationToken cancellationToken)
    {
        var count = await db.Database.SqlQueryRaw<CountRow>(
            $"SELECT count(*) AS Total, max({plan.Found}) AS Found FROM {plan.From} WHERE {PublishedRule(plan.Now)} {plan.Conditions}",
            plan.Parameters(clock.UtcNow)).SingleAsync(cancellationToken);
        return (count.Total, count.Found);
    }

    public async Task<IReadOnlyList<int>> SimilarAsync(string text, IReadOnlyCollection<int> except, int take, CancellationToken cancellationToken)
    {
        // Any of the distinctive words: OR them, and let bm25 prefer the articles sharing the most.
        var words = SearchQuery.Parse(text).Included.Where(t => !t.IsCjk).SelectMany(t => t.Text.Split(' '))
            .Where(w => w.Length > 3).Distinct(StringComparer.OrdinalIgnoreCase).Take(SearchQuery.MaxTerms)
            .Select(w => new SearchTerm(w, false, false).Quoted).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var exceptList = string.Join(",", except.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return await db.Database.SqlQueryRaw<int>(
            $"""
            SELECT a.Id AS Value FROM ArticleSearch s CROSS JOIN Articles a ON a.Id = s.rowid
            WHERE ArticleSearch MATCH @match AND {PublishedRule("@now")} AND a.Id NOT IN ({exceptList})
            ORDER BY bm25(ArticleSearch, {SqliteSearchPlan.Weights}) LIMIT @take
            """,
            new SqliteParameter("@match", string.Join(" OR ", words)), new SqliteParameter("@now", clock.UtcNow),
            new SqliteParameter("@take", take)).ToListAsync(cancellationToken);
    }

    // As in the migration's triggers: only text with CJK characters goes into the trigram table.
    private const string CjkOnly =
        " AND (a.Title || ' ' || a.Excerpt || ' ' || a.BodyMarkdown) GLOB '*[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]*'";

    // Refills both index tables from the articles, in one transaction: readers see the old index
    // until the new one is complete.
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        const string Document = """
            SELECT a.Id, a.Title, a.Excerpt, a.BodyMarkdown,
                   coalesce((SELECT group_concat(t.Name, ' ') FROM ArticleTags at JOIN Tags t ON t.Id = at.TagsId
                             WHERE at.ArticlesId = a.Id), ''),
                   coalesce((SELECT au.Name FROM Authors au WHERE au.Id = a.AuthorId), '')
            FROM Articles a
            """;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (table, only) in new[] { ("ArticleSearch", ""), ("ArticleSearchCjk", CjkOnly) })
        {
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}", cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table}(rowid, Title, Excerpt, Body, Tags, Author) {Document} WHERE 1 {only}",
                cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table}({table}) VALUES('optimize')", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    // What each result shows around its matches: marked by SQLite (Chinese text), by WordMarks in
    // the excerpt or else the body, or, where WordMarks finds nothing, by SQLite after all. That
    // last step is needed only for words with letters beyond ASCII, which SQLite's porter stems
    // byte by byte: for the rest WordMarks finds what SQLite finds.
    private sealed class ResultSnippets(BroadsheetDb db, SqliteSearchPlan plan, SearchQuery query)
    {
        private readonly List<string[]> _words = WordMarks.Terms(query.Included);
        private bool MayMissMarks => _words.Any(term => term.Any(word => !System.Text.Ascii.IsValid(word)));

        public async Task<string> ForAsync(HitRow row, CancellationToken cancellationToken)
        {
            var marked = row.Snippet;
            if (plan.MarksWordsInText && _words.Count > 0)
            {
                marked = WordMarks.Mark(row.Excerpt, _words) ?? (row.Body is null ? null : WordMarks.Mark(row.Body, _words));
                if (marked is null && MayMissMarks)
                {
                    var highlighted = await PageReads.ListAsync(db, SqliteSearchPlan.WordSnippetSql, [plan.FirstMatch, row.Id],
                        reader => reader.NullableString(0), cancellationToken);
                    marked = highlighted.FirstOrDefault();
                }
            }
            return SearchSnippet.ToHtml(marked is not null && marked.Contains(SearchSnippet.Open, StringComparison.Ordinal)
                ? SearchSnippet.Around(marked)
                : SearchSnippet.Mark(row.Excerpt, query.Included.Where(t => t.IsCjk).Select(t => t.Text)));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Search failed for a query of {Terms} terms")]
    private static partial void LogFailedSearch(ILogger logger, Exception exception, int terms);

    internal sealed class CountRow
    {
        public int Total { get; init; }
        public int? Found { get; init; }
    }

    internal sealed class HitRow
    {
        // In PageSql's column order.
        public static HitRow Read(DbDataReader reader) => new()
        {
            Id = reader.GetInt32(0), Total = reader.GetInt32(1), Found = reader.IsDBNull(2) ? null : reader.GetInt32(2),
            Title = reader.GetString(3), Slug = reader.GetString(4), Excerpt = reader.GetString(5),
            PublishedAt = reader.UtcDateTime(6),
            AuthorName = reader.GetString(7), AuthorSlug = reader.GetString(8), CategoryName = reader.GetString(9),
            CategorySlug = reader.GetString(10), CommentCount = reader.GetInt32(11), Snippet = reader.NullableString(12),
            Body = reader.NullableString(13),
        };

        public int Id { get; init; }
        public int Total { get; init; }
        public int? Found { get; init; }
        public string Title { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Excerpt { get; init; } = "";
        public DateTime PublishedAt { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorSlug { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string CategorySlug { get; init; } = "";
        public int CommentCount { get; init; }
        public string? Snippet { get; init; }
        public string? Body { get; init; }

        public SearchHit ToHit(string snippetHtml) => new(
            new ArticleSummary
            {
                Id = Id, Title = Title, Slug = Slug, Excerpt = Excerpt, PublishedAt = PublishedAt,
                AuthorName = AuthorName, AuthorSlug = AuthorSlug, CategoryName = CategoryName, CategorySlug = CategorySlug,
                CommentCount = CommentCount,
            },
            snippetHtml);
    }
}
