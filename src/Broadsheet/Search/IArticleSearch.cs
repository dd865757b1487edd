using Broadsheet.Articles;

namespace Broadsheet.Search;

// Full-text search over published articles, in the database's own engine: SQLite FTS5 now,
// PostgreSQL tsvector beside it when that provider arrives. Implementations keep their index in
// step with every article write themselves (triggers), and never show an unpublished article.
public interface IArticleSearch
{
    Task<SearchResults> SearchAsync(SearchQuery query, int pageNumber, int pageSize, CancellationToken cancellationToken);

    // Published articles whose text is most like the given words, best first.
    Task<IReadOnlyList<int>> SimilarAsync(string text, IReadOnlyCollection<int> except, int take, CancellationToken cancellationToken);

    Task RebuildAsync(CancellationToken cancellationToken);
}

// IsTotalCapped: there are more matches than Total, the most an engine ranks for one search.
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, bool IsTotalCapped = false);

// SnippetHtml is already encoded, with only our own <mark> elements in it. The results page shows
// no comment counts, and SQLite's search leaves Article.CommentCount at 0.
public sealed record SearchHit(ArticleSummary Article, string SnippetHtml);
