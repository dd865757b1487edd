using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

#pragma warning disable EF1002, EF1003 // SQL text is built only from our own constants, table names and integer ids; user input travels as parameters.

namespace Broadsheet.Search;

// Search on SQLite's FTS5. Raw SQL because LINQ cannot express MATCH, bm25() or snippet(). The
// index tables and the triggers that fill them come from the Discovery migration; this class only
// reads them, and rebuilds them on request. Every value is a parameter; MATCH expressions are
// built from terms SearchQuery quoted itself.
public sealed partial class SqliteFtsSearch(BroadsheetDb db, SiteClock clock, ILogger<SqliteFtsSearch> logger) : IArticleSearch
{
    // Same rule as ArticleQueries.Published(now).
    private const string PublishedRule = "a.Status = 'Published' AND a.PublishedAt <= @now";

    // Newer articles rank up to twice as high as old ones; after about a month the boost fades.
    private const string RecencyBoost = "(1.0 + 1.0 / (1.0 + max(0.0, julianday(@now) - julianday(a.PublishedAt)) / 30.0))";

    public async Task<SearchResults> SearchAsync(SearchQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        if (query.IsEmpty || pageNumber < 1)
        {
            return new SearchResults([], 0);
        }
        var plan = SqliteSearchPlan.For(query);
        try
        {
            var total = await db.Database.SqlQueryRaw<int>(
                $"SELECT count(*) AS Value FROM {plan.From(scored: false)} WHERE {PublishedRule} {plan.Conditions}",
                plan.Parameters(clock.UtcNow)).SingleAsync(cancellationToken);
            if (total == 0)
            {
                return new SearchResults([], 0);
            }
            var rows = await db.Database.SqlQueryRaw<RankedRow>(
                $"""
                SELECT a.Id, ({plan.Score}) * {RecencyBoost} AS Rank
                FROM {plan.From(scored: true)}
                WHERE {PublishedRule} {plan.Conditions}
                ORDER BY Rank, a.PublishedAt DESC, a.Id DESC
                LIMIT @take OFFSET @skip
                """,
                [.. plan.Parameters(clock.UtcNow), new SqliteParameter("@take", pageSize), new SqliteParameter("@skip", (pageNumber - 1) * pageSize)])
                .ToListAsync(cancellationToken);
            return new SearchResults(await ToHitsAsync(rows.Select(r => r.Id).ToList(), plan, query, cancellationToken), total);
        }
        catch (SqliteException exception)
        {
            // Reached only if a quoted term still upsets FTS5; the reader gets "no results", we get the log.
            LogFailedSearch(logger, exception, query.Terms.Count);
            return new SearchResults([], 0);
        }
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
            WHERE ArticleSearch MATCH @match AND {PublishedRule} AND a.Id NOT IN ({exceptList})
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

    private async Task<List<SearchHit>> ToHitsAsync(List<int> ids, SqliteSearchPlan plan, SearchQuery query,
        CancellationToken cancellationToken)
    {
        var summaries = await db.Articles.Where(a => ids.Contains(a.Id)).ToSummaries().ToDictionaryAsync(a => a.Id, cancellationToken);
        var snippets = new Dictionary<int, string>();
        var idList = string.Join(",", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // Snippets only for the page shown: snippet() is far too costly to run on every match.
        foreach (var (table, match) in plan.Matches)
        {
            var rows = await db.Database.SqlQueryRaw<SnippetRow>(
                $"SELECT rowid AS Id, snippet({table}, -1, char(57344), char(57345), '…', 24) AS Snippet " +
                $"FROM {table} WHERE {table} MATCH @match AND rowid IN ({idList})",
                new SqliteParameter("@match", match)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                snippets.TryAdd(row.Id, row.Snippet);
            }
        }
        var shortTerms = query.Included.Where(t => t.IsCjk).Select(t => t.Text).ToList();
        return [.. ids.Where(summaries.ContainsKey).Select(id => new SearchHit(summaries[id],
            SearchSnippet.ToHtml(snippets.GetValueOrDefault(id) ?? SearchSnippet.Mark(summaries[id].Excerpt, shortTerms))))];
    }

    [LoggerMessage(LogLevel.Warning, "Search failed for a query of {Terms} terms")]
    private static partial void LogFailedSearch(ILogger logger, Exception exception, int terms);

    internal sealed class RankedRow
    {
        public int Id { get; init; }
        public double Rank { get; init; }
    }

    internal sealed class SnippetRow
    {
        public int Id { get; init; }
        public string Snippet { get; init; } = "";
    }
}
