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
    private string? _phraseParameter;
    private readonly List<string> _conditions = [];
    private readonly List<string> _scores = [];
    private readonly List<SqliteParameter> _parameters = [];
    private readonly System.Text.StringBuilder _shape = new();

    // What the SQL text of this plan depends on (which indexes, which kinds of condition, in
    // order), never the terms themselves: plans of one shape share one SQL text (SqliteFtsSearch).
    public string Shape => _shape.ToString();

    // At most this many matches are ranked: the ones most recently added (highest rowids, which FTS5
    // walks backwards without reading the rest). bm25, the article lookups and the sort grow with
    // the number of matches, and a common word matches a third of a large archive or more: ranking
    // all 100,000 took a second, and a reader never pages that far. Found tells whether it was cut.
    public const int Candidates = 500;

    // The first index subquery drives the join: CROSS JOIN makes SQLite keep it as the outer loop,
    // instead of re-running the MATCH for every article. The candidates' state and date come from
    // an index that holds only those: read from the table, each of hundreds of rows paid a walk
    // through its body's overflow pages to reach them.
    public string From => _joins.Count == 0 ? "Articles a"
        : $"{First(_joins[0])} {_joins[0].Alias} CROSS JOIN Articles a INDEXED BY {CandidateIndex} ON a.Id = {_joins[0].Alias}.Id"
            + string.Concat(_joins.Skip(1).Select(j => $" JOIN {Subquery(j)} {j.Alias} ON {j.Alias}.Id = a.Id"));

    // How many matches the first index gave (up to Candidates + 1), or null without an index.
    public string Found => _joins.Count == 0 ? "NULL" : $"{_joins[0].Alias}.Found";

    // What a result shows around its matches, from the first index (words before CJK): the
    // excerpt when it matches, else the body, with the matches between private-use markers
    // (SearchSnippet cuts the body down to a few lines around the first one). highlight() only
    // re-tokenizes one column; snippet() scored every window of every column, three quarters of
    // the search page's time. Joined on the chosen page's rows only.
    public string Snippet => _joins.Count == 0 ? "NULL" : SnippetOf(_joins[0].Table);

    private static string SnippetOf(string table) =>
        $"CASE WHEN instr({Highlight(table, 1)}, char(57344)) > 0 THEN {Highlight(table, 1)} ELSE {Highlight(table, 2)} END";

    private static string Highlight(string table, int column) => $"highlight({table}, {column}, char(57344), char(57345))";

    public string SnippetJoin(string idColumn) => _joins.Count == 0 ? ""
        : $"CROSS JOIN {_joins[0].Table} ON {_joins[0].Table}.rowid = {idColumn} AND {_joins[0].Table} MATCH {_joins[0].Parameter}";

    // Words are marked in the result's own excerpt and body by WordMarks, which stops soon after
    // the first match; highlight() tokenized the whole body of every result, most of a small
    // site's search. The highlight above is left for Chinese text and for the results whose words
    // WordMarks does not see (a match by stem only, or only in the title, tags or author).
    public bool MarksWordsInText => _joins.Count > 0 && _joins[0].Table == "ArticleSearch";

    // One article's highlighted text in the word index, by rowid (@p1), for the words' match (@p0).
    public static readonly string WordSnippetSql =
        $"SELECT {SnippetOf("ArticleSearch")} FROM ArticleSearch WHERE ArticleSearch MATCH @p0 AND rowid = @p1";

    public object? FirstMatch => _parameters[0].Value;

    // The index of (Id, Status, PublishedAt) that From reads the candidates through (SearchCandidates migration).
    public const string CandidateIndex = "IX_Articles_Id_Status_PublishedAt";

    // Articles holding the searched words as one phrase rank as if twice as relevant.
    private const string PhraseBoost = "2.0";

    private string First((string Table, string Alias, string Parameter) join) =>
        $"(SELECT Id, Score{PhraseFactor(join)} AS Score, count(*) OVER () AS Found FROM (SELECT rowid AS Id, bm25({join.Table}, {Weights}) AS Score " +
        $"FROM {join.Table} WHERE {join.Table} MATCH {join.Parameter} ORDER BY rowid DESC LIMIT {Candidates + 1}))";

    // The phrase is looked for only among the candidates (rowids from the lowest of them up):
    // bm25 over "(a AND b) OR \"a b\"" counted the phrase in every article of the archive for its
    // weight, 50 ms when both words are everywhere. The lowest candidate's rowid is found by the
    // same backwards walk as the candidates, without bm25.
    private string PhraseFactor((string Table, string Alias, string Parameter) join) => _phraseParameter is not { } phrase ? ""
        : $" * (CASE WHEN Id IN (SELECT rowid FROM {join.Table} WHERE {join.Table} MATCH {phrase} AND rowid >= coalesce((SELECT rowid " +
          $"FROM {join.Table} WHERE {join.Table} MATCH {join.Parameter} ORDER BY rowid DESC LIMIT 1 OFFSET {Candidates}), 0)) " +
          $"THEN {PhraseBoost} ELSE 1.0 END)";

    private static string Subquery((string Table, string Alias, string Parameter) join) =>
        $"(SELECT rowid AS Id, bm25({join.Table}, {Weights}) AS Score FROM {join.Table} WHERE {join.Table} MATCH {join.Parameter})";

    public string Conditions => string.Concat(_conditions.Select(c => " AND " + c));

    public string Score => _scores.Count == 0 ? "0.0" : string.Join(" + ", _scores);

    // The time, the page size and the rows to skip follow the terms' parameters: @pN, @pN+1, @pN+2.
    public string Now => Name(_parameters.Count);
    public string Take => Name(_parameters.Count + 1);
    public string Skip => Name(_parameters.Count + 2);

    public SqliteParameter[] Parameters(DateTime utcNow) =>
        [.. _parameters.Select(p => new SqliteParameter(p.ParameterName, p.Value)), new SqliteParameter(Now, utcNow)];

    // In parameter order, for PageReads.
    public object?[] Values(DateTime utcNow, int take, int skip) => [.. _parameters.Select(p => p.Value), utcNow, take, skip];

    private static string Name(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static SqliteSearchPlan For(SearchQuery query)
    {
        var plan = new SqliteSearchPlan();
        var words = query.Included.Where(t => !t.IsCjk).ToList();
        // All the words must appear; an article holding them as one phrase ranks higher (PhraseFactor).
        if (words.Count > 0)
        {
            plan.Join("ArticleSearch", "w", string.Join(" AND ", words.Select(t => t.Quoted)));
            if (words.Count > 1)
            {
                plan._shape.Append('p');
                plan._phraseParameter = plan.Add(new SearchTerm(string.Join(' ', words.Select(t => t.Text)), false, false).Quoted);
            }
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

    private void Join(string table, string alias, string match)
    {
        var parameter = Add(match);
        _shape.Append(alias);
        _joins.Add((table, alias, parameter));
        _scores.Add($"{alias}.Score");
    }

    private string Like(SearchTerm term)
    {
        _shape.Append('l');
        var pattern = Add("%" + term.Text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        return "SELECT rowid FROM ArticleSearchCjk WHERE " + string.Join(" OR ",
            IndexColumns.Select(column => $"{column} LIKE {pattern} ESCAPE '\\'"));
    }

    private string Excluding(SearchTerm term)
    {
        _shape.Append('-').Append(term switch { { IsCjk: true, IsShort: true } => "", { IsCjk: true } => "c", _ => "w" });
        return ExcludingSql(term);
    }

    private string ExcludingSql(SearchTerm term) => term switch
    {
        { IsCjk: true, IsShort: true } => Like(term),
        { IsCjk: true } => $"SELECT rowid FROM ArticleSearchCjk WHERE ArticleSearchCjk MATCH {Add(term.Quoted)}",
        _ => $"SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {Add(term.Quoted)}",
    };

    private string Add(string value)
    {
        var name = Name(_parameters.Count);
        _parameters.Add(new SqliteParameter(name, value));
        return name;
    }
}
