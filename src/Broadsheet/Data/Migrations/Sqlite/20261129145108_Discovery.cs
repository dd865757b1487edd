using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Broadsheet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        // RAW SQL (keep when regenerating): the full-text index of articles. Two FTS5 tables hold
        // each article's searchable text under the article's id: ArticleSearch (porter stemming,
        // for words between spaces) and ArticleSearchCjk (trigrams, for Chinese and Japanese,
        // written without spaces). Triggers keep them in step with Articles, ArticleTags, Tags and
        // Authors, so every write path (pages, back office, importer, plain SQL) updates the index
        // in its own transaction. Every article is indexed; search filters "published" at query
        // time, because a scheduled article goes live without any write.
        private const string Columns = "Title, Excerpt, Body, Tags, Author";

        private const string Document = """
            SELECT a.Id, a.Title, a.Excerpt, a.BodyMarkdown,
                   coalesce((SELECT group_concat(t.Name, ' ') FROM ArticleTags at JOIN Tags t ON t.Id = at.TagsId
                             WHERE at.ArticlesId = a.Id), ''),
                   coalesce((SELECT au.Name FROM Authors au WHERE au.Id = a.AuthorId), '')
            FROM Articles a
            """;

        // Only articles with CJK characters (the ranges of SearchTerm.HasCjk) go into the trigram
        // table: trigrams of Latin text would multiply the index size for nothing.
        private const string CjkOnly =
            " AND (a.Title || ' ' || a.Excerpt || ' ' || a.BodyMarkdown) GLOB '*[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]*'";

        private static readonly string[] Tables = ["ArticleSearch", "ArticleSearchCjk"];

        private static string Only(string table) => table == "ArticleSearchCjk" ? CjkOnly : "";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE ArticleSearch USING fts5({Columns}, tokenize = 'porter unicode61 remove_diacritics 2');");
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE ArticleSearchCjk USING fts5({Columns}, tokenize = 'trigram');");
            Trigger(migrationBuilder, "ArticleSearch_ArticleInserted", "AFTER INSERT ON Articles", null, "NEW.Id");
            Trigger(migrationBuilder, "ArticleSearch_ArticleUpdated",
                "AFTER UPDATE OF Title, Excerpt, BodyMarkdown, AuthorId ON Articles", "OLD.Id", "NEW.Id");
            Trigger(migrationBuilder, "ArticleSearch_ArticleDeleted", "AFTER DELETE ON Articles", "OLD.Id", null);
            Trigger(migrationBuilder, "ArticleSearch_TagAdded", "AFTER INSERT ON ArticleTags", "NEW.ArticlesId", "NEW.ArticlesId");
            Trigger(migrationBuilder, "ArticleSearch_TagRemoved", "AFTER DELETE ON ArticleTags", "OLD.ArticlesId", "OLD.ArticlesId");
            const string TaggedArticles = "(SELECT ArticlesId FROM ArticleTags WHERE TagsId = NEW.Id)";
            Trigger(migrationBuilder, "ArticleSearch_TagRenamed", "AFTER UPDATE OF Name ON Tags", TaggedArticles, TaggedArticles);
            const string AuthorsArticles = "(SELECT Id FROM Articles WHERE AuthorId = NEW.Id)";
            Trigger(migrationBuilder, "ArticleSearch_AuthorRenamed", "AFTER UPDATE OF Name ON Authors", AuthorsArticles, AuthorsArticles);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"INSERT INTO {table}(rowid, {Columns}) {Document} WHERE 1 {Only(table)};");
            }
        }

        // Each trigger removes the affected articles' rows and inserts them afresh from the tables.
        // "removed" and "indexed" are an id or a subquery of ids; null skips that step. Lookups go
        // by rowid, so each write costs only its own articles, never a scan of the index.
        private static void Trigger(MigrationBuilder migrationBuilder, string name, string when, string removed, string indexed)
        {
            var body = new System.Text.StringBuilder();
            foreach (var table in Tables)
            {
                if (removed is not null)
                {
                    body.Append(removed.StartsWith('(')
                        ? $"DELETE FROM {table} WHERE rowid IN {removed};\n"
                        : $"DELETE FROM {table} WHERE rowid = {removed};\n");
                }
                if (indexed is not null)
                {
                    body.Append(indexed.StartsWith('(')
                        ? $"INSERT INTO {table}(rowid, {Columns}) {Document} WHERE a.Id IN {indexed}{Only(table)};\n"
                        : $"INSERT INTO {table}(rowid, {Columns}) {Document} WHERE a.Id = {indexed}{Only(table)};\n");
                }
            }
            migrationBuilder.Sql($"CREATE TRIGGER {name} {when} BEGIN\n{body}END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "ArticleInserted", "ArticleUpdated", "ArticleDeleted", "TagAdded", "TagRemoved", "TagRenamed", "AuthorRenamed" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS ArticleSearch_{trigger};");
            }
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
            }
        }
    }
}
