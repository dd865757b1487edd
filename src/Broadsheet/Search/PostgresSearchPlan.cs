using Npgsql;

namespace Broadsheet.Search;

// The SQL pieces of one search on PostgreSQL. Words and phrases become one tsquery (English
// stemming; phraseto_tsquery keeps a quoted phrase's word order) matched against the weighted
// tsvector; Chinese and other space-less terms are substring matches on the plain text, which a
// pg_trgm index serves. Every value is a parameter: the SQL holds only our own fragments.
internal sealed class PostgresSearchPlan
{
    private readonly List<string> _included = [];
    private readonly List<string> _excluded = [];
    private readonly List<string> _conditions = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    // The tsquery of the words to find and avoid, or null when the search has only CJK terms.
    public string? TextQuery => _included.Count == 0 && _excluded.Count == 0 ? null
        : string.Join(" && ", _included.Concat(_excluded.Select(q => "!!" + q)));

    // Conditions on s (the ArticleSearch row), joined with AND.
    public string Conditions
    {
        get
        {
            var conditions = new List<string>(_conditions);
            if (_included.Count > 0)
            {
                conditions.Insert(0, $"s.\"Vector\" @@ ({TextQuery})");
            }
            else if (_excluded.Count > 0)
            {
                conditions.Add($"NOT (s.\"Vector\" @@ ({string.Join(" || ", _excluded)}))");
            }
            return string.Join(" AND ", conditions.DefaultIfEmpty("TRUE"));
        }
    }

    // Rank: cover density (adjacent words, as in an exact phrase, score higher), title weighted
    // over excerpt, tags and author over body; a search of only CJK terms ranks by recency alone.
    public string Rank => _included.Count == 0 ? "1.0" : $"ts_rank_cd(s.\"Vector\", ({TextQuery}))";

    public NpgsqlParameter[] Parameters(params NpgsqlParameter[] more) =>
        [.. _parameters.Select(p => new NpgsqlParameter(p.ParameterName, p.Value)), .. more];

    public static PostgresSearchPlan For(SearchQuery query)
    {
        var plan = new PostgresSearchPlan();
        foreach (var term in query.Terms)
        {
            if (term.IsCjk)
            {
                var like = $"s.\"Text\" ILIKE {plan.Add(LikePattern(term.Text))} ESCAPE '\\'";
                plan._conditions.Add(term.IsExcluded ? $"NOT ({like})" : like);
            }
            else
            {
                (term.IsExcluded ? plan._excluded : plan._included).Add($"phraseto_tsquery('english', {plan.Add(term.Text)})");
            }
        }
        return plan;
    }

    private static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private string Add(string value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new NpgsqlParameter(name, value));
        return name;
    }
}
