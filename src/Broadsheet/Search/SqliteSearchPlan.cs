using Microsoft.Data.Sqlite;

namespace Broadsheet.Search;

// The SQL pieces of one search on SQLite. Words go to the stemmed index (ArticleSearch), Chinese
// and other space-less terms to the trigram index (ArticleSearchCjk); terms shorter than a
// trigram are found with LIKE on the trigram table's text. Exclusions become NOT IN subqueries.
internal sealed class SqliteSearchPlan
{
    // Column weights for bm25, in index column order: title, excerpt, body, tags, author.
    public const string Weights = "10.0, 4.0, 1.0, 4.0, 2.0";

    private static readonly string[] IndexColumns = ["Title", "Excerpt", "Body", "Tags", "Author"];

    private readonly List<(string Table, string Alias, string Parameter)> _joins = [];
    private readonly List<string> _conditions = [];
    private readonly List<string> _scores = [];
    private readonly List<(string Table, string Match)> _matches = [];
    private readonly List<SqliteParameter> _parameters = [];

    // The first index subquery drives the join: CROSS JOIN makes SQLite keep it as the outer loop,
    // instead of re-running the MATCH for every article. Counting needs no scores: bm25() is
    // left out there, which matters when a common word matches a third of the archive.
    public string From(bool scored) => _joins.Count == 0 ? "Articles a"
        : $"{Subquery(_joins[0], scored)} {_joins[0].Alias} CROSS JOIN Articles a ON a.Id = {_joins[0].Alias}.Id"
            + string.Concat(_joins.Skip(1).Select(j => $" JOIN {Subquery(j, scored)} {j.Alias} ON {j.Alias}.Id = a.Id"));

    private static string Subquery((string Table, string Alias, string Parameter) join, bool scored) =>
        $"(SELECT rowid AS Id{(scored ? $", bm25({join.Table}, {Weights}) AS Score" : "")} " +
        $"FROM {join.Table} WHERE {join.Table} MATCH {join.Parameter})";

    public string Conditions => string.Concat(_conditions.Select(c => " AND " + c));

    public string Score => _scores.Count == 0 ? "0.0" : string.Join(" + ", _scores);

    // The index tables and MATCH expressions of this search, for snippets of the chosen page.
    public IReadOnlyList<(string Table, string Match)> Matches => _matches;

    public SqliteParameter[] Parameters(DateTime utcNow) =>
        [.. _parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value)), new SqliteParameter("@now", utcNow)];

    public static SqliteSearchPlan For(SearchQuery query)
    {
        var plan = new SqliteSearchPlan();
        var words = query.Included.Where(t => !t.IsCjk).ToList();
        if (words.Count > 0)
        {
            plan.Join("ArticleSearch", "w", WordsMatch(words));
        }
        var trigrams = query.Included.Where(t => t.IsCjk && !t.IsShort).ToList();
        if (trigrams.Count > 0)
        {
            plan.Join("ArticleSearchCjk", "c", string.Join(" AND ", trigrams.Select(t => t.Quoted)));
        }
        foreach (var term in query.Included.Where(t => t.IsCjk && t.IsShort))
        {
            plan._conditions.Add($"a.Id IN ({plan.Like(term)})");
        }
        foreach (var term in query.Excluded)
        {
            plan._conditions.Add($"a.Id NOT IN ({plan.Excluding(term)})");
        }
        return plan;
    }

    // All the words must appear; when there are several, the whole phrase is OR-ed in as well, so
    // that bm25 ranks articles with the exact phrase above those with the words scattered.
    private static string WordsMatch(List<SearchTerm> words)
    {
        var all = string.Join(" AND ", words.Select(t => t.Quoted));
        return words.Count == 1 ? all : $"({all}) OR {new SearchTerm(string.Join(' ', words.Select(t => t.Text)), false, false).Quoted}";
    }

    private void Join(string table, string alias, string match)
    {
        var parameter = Add(match);
        _joins.Add((table, alias, parameter));
        _scores.Add($"{alias}.Score");
        _matches.Add((table, match));
    }

    private string Like(SearchTerm term)
    {
        var pattern = Add("%" + term.Text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        return "SELECT rowid FROM ArticleSearchCjk WHERE " + string.Join(" OR ",
            IndexColumns.Select(column => $"{column} LIKE {pattern} ESCAPE '\\'"));
    }

    private string Excluding(SearchTerm term) => term switch
    {
        { IsCjk: true, IsShort: true } => Like(term),
        { IsCjk: true } => $"SELECT rowid FROM ArticleSearchCjk WHERE ArticleSearchCjk MATCH {Add(term.Quoted)}",
        _ => $"SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {Add(term.Quoted)}",
    };

    private string Add(string value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new SqliteParameter(name, value));
        return name;
    }
}
