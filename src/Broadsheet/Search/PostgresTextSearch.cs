using Broadsheet.Articles;
using Broadsheet.Data;
using Broadsheet.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

#pragma warning disable EF1002, EF1003 // SQL text is built only from our own fragments and integer ids; user input travels as parameters.

namespace Broadsheet.Search;

// Search on PostgreSQL's own full-text engine: a weighted tsvector per article with a GIN index,
// plus the plain text under a pg_trgm index for Chinese and other space-less text. Raw SQL because
// LINQ cannot express @@, ts_rank_cd or ts_headline. The ArticleSearch table and the triggers that
// keep it in step with every article write come from the Postgres "Search" migration.
public sealed partial class PostgresTextSearch(BroadsheetDb db, SiteClock clock, ILogger<PostgresTextSearch> logger) : IArticleSearch
{
    // Same rule as ArticleQueries.Published(now).
    private const string PublishedRule = "a.\"Status\" = 'Published' AND a.\"PublishedAt\" <= @now";

    // Newer articles rank up to twice as high as old ones; after about a month the boost fades.
    private const string RecencyBoost =
        "(1.0 + 1.0 / (1.0 + greatest(0.0, extract(epoch FROM (@now - a.\"PublishedAt\")) / 86400.0) / 30.0))";

    private const string From = "FROM \"Articles\" a JOIN \"ArticleSearch\" s ON s.\"ArticleId\" = a.\"Id\"";

    public async Task<SearchResults> SearchAsync(SearchQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        if (query.IsEmpty || pageNumber < 1)
        {
            return new SearchResults([], 0);
        }
        var plan = PostgresSearchPlan.For(query);
        var now = new NpgsqlParameter("@now", clock.UtcNow);
        try
        {
            var total = await db.Database.SqlQueryRaw<int>(
                $"SELECT count(*)::int AS \"Value\" {From} WHERE {PublishedRule} AND {plan.Conditions}",
                plan.Parameters(now)).SingleAsync(cancellationToken);
            if (total == 0)
            {
                return new SearchResults([], 0);
            }
            var ids = await db.Database.SqlQueryRaw<int>(
                $"""
                SELECT a."Id" AS "Value" {From}
                WHERE {PublishedRule} AND {plan.Conditions}
                ORDER BY {plan.Rank} * {RecencyBoost} DESC, a."PublishedAt" DESC, a."Id" DESC
                LIMIT @take OFFSET @skip
                """,
                plan.Parameters(new NpgsqlParameter("@now", clock.UtcNow), new NpgsqlParameter("@take", pageSize),
                    new NpgsqlParameter("@skip", (pageNumber - 1) * pageSize))).ToListAsync(cancellationToken);
            return new SearchResults(await ToHitsAsync(ids, plan, query, cancellationToken), total);
        }
        catch (PostgresException exception)
        {
            LogFailedSearch(logger, exception, query.Terms.Count);
            return new SearchResults([], 0);
        }
    }

    public async Task<IReadOnlyList<int>> SimilarAsync(string text, IReadOnlyCollection<int> except, int take, CancellationToken cancellationToken)
    {
        // Any of the distinctive words: OR them, and let the rank prefer the articles sharing the most.
        var words = SearchQuery.Parse(text).Included.Where(t => !t.IsCjk).SelectMany(t => t.Text.Split(' '))
            .Where(w => w.Length > 3).Distinct(StringComparer.OrdinalIgnoreCase).Take(SearchQuery.MaxTerms).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var parameters = words.Select((w, i) => new NpgsqlParameter($"@w{i}", w)).ToList();
        var anyWord = string.Join(" || ", parameters.Select(p => $"plainto_tsquery('english', {p.ParameterName})"));
        var exceptList = string.Join(",", except.Append(0).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return await db.Database.SqlQueryRaw<int>(
            $"""
            SELECT a."Id" AS "Value" {From}
            WHERE s."Vector" @@ ({anyWord}) AND {PublishedRule} AND a."Id" NOT IN ({exceptList})
            ORDER BY ts_rank_cd(s."Vector", ({anyWord})) DESC, a."Id" DESC LIMIT @take
            """,
            [.. parameters, new NpgsqlParameter("@now", clock.UtcNow), new NpgsqlParameter("@take", take)]).ToListAsync(cancellationToken);
    }

    // Refills the index from the articles in one transaction: readers see the old one until then.
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefillAsync(db.Database, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Also run by the SQLite → PostgreSQL copy, inside its own transaction.
    public static async Task RefillAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.ExecuteSqlRawAsync("DELETE FROM \"ArticleSearch\"", cancellationToken);
        await database.ExecuteSqlRawAsync("SELECT broadsheet_index_article(\"Id\") FROM \"Articles\"", cancellationToken);
    }

    private async Task<List<SearchHit>> ToHitsAsync(List<int> ids, PostgresSearchPlan plan, SearchQuery query, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return []; // a page past the last: "IN ()" below would not be SQL
        }
        var summaries = await db.Articles.Where(a => ids.Contains(a.Id)).ToSummaries().ToDictionaryAsync(a => a.Id, cancellationToken);
        var snippets = new Dictionary<int, string>();
        if (plan.TextQuery is { } textQuery && query.Included.Any(t => !t.IsCjk))
        {
            // Headlines only for the page shown: ts_headline re-reads the whole text.
            var idList = string.Join(",", ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var rows = await db.Database.SqlQueryRaw<SnippetRow>(
                $"SELECT s.\"ArticleId\" AS \"Id\", ts_headline('english', s.\"Text\", ({textQuery}), @options) AS \"Snippet\" " +
                $"FROM \"ArticleSearch\" s WHERE s.\"ArticleId\" IN ({idList})",
                plan.Parameters(new NpgsqlParameter("@options", "StartSel=\uE000, StopSel=\uE001, MaxWords=30, MinWords=12, MaxFragments=1")))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                snippets[row.Id] = row.Snippet;
            }
        }
        var shortTerms = query.Included.Where(t => t.IsCjk).Select(t => t.Text).ToList();
        return [.. ids.Where(summaries.ContainsKey).Select(id => new SearchHit(summaries[id],
            SearchSnippet.ToHtml(snippets.GetValueOrDefault(id) ?? SearchSnippet.Mark(summaries[id].Excerpt, shortTerms))))];
    }

    [LoggerMessage(LogLevel.Warning, "Search failed for a query of {Terms} terms")]
    private static partial void LogFailedSearch(ILogger logger, Exception exception, int terms);

    internal sealed class SnippetRow
    {
        public int Id { get; init; }
        public string Snippet { get; init; } = "";
    }
}
