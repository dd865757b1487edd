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

        private static readonly string[] Tables = ["ArticleSearch", "ArticleSearchCjk"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE ArticleSearch USING fts5({Columns}, tokenize = 'porter unicode61 remove_diacritics 2');");
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE ArticleSearchCjk USING fts5({Columns}, tokenize = 'trigram');");
            Trigger(migrationBuilder, "ArticleSearch_ArticleInserted", "AFTER INSERT ON Articles", "a.Id = NEW.Id");
            Trigger(migrationBuilder, "ArticleSearch_ArticleUpdated",
                "AFTER UPDATE OF Title, Excerpt, BodyMarkdown, AuthorId ON Articles", "a.Id = NEW.Id");
            Trigger(migrationBuilder, "ArticleSearch_ArticleDeleted", "AFTER DELETE ON Articles", "a.Id = OLD.Id");
            Trigger(migrationBuilder, "ArticleSearch_TagAdded", "AFTER INSERT ON ArticleTags", "a.Id = NEW.ArticlesId");
            Trigger(migrationBuilder, "ArticleSearch_TagRemoved", "AFTER DELETE ON ArticleTags", "a.Id = OLD.ArticlesId");
            Trigger(migrationBuilder, "ArticleSearch_TagRenamed", "AFTER UPDATE OF Name ON Tags",
                "a.Id IN (SELECT ArticlesId FROM ArticleTags WHERE TagsId = NEW.Id)");
            Trigger(migrationBuilder, "ArticleSearch_AuthorRenamed", "AFTER UPDATE OF Name ON Authors", "a.AuthorId = NEW.Id");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"INSERT INTO {table}(rowid, {Columns}) {Document};");
            }
        }

        // Each trigger re-reads the affected articles' text: delete their rows, insert them afresh
        // (a deleted article simply finds nothing to insert).
        private static void Trigger(MigrationBuilder migrationBuilder, string name, string when, string articles)
        {
            var body = string.Concat(Tables.Select(table =>
                $"DELETE FROM {table} WHERE rowid IN (SELECT a.Id FROM Articles a WHERE {articles}) OR rowid = {OldId(when)};\n" +
                $"INSERT INTO {table}(rowid, {Columns}) {Document} WHERE {articles};\n"));
            migrationBuilder.Sql($"CREATE TRIGGER {name} {when} BEGIN\n{body}END;");
        }

        // A deleted article (or a deleted tag link) is no longer found through Articles: name its id.
        private static string OldId(string when) => when switch
        {
            "AFTER DELETE ON Articles" => "OLD.Id",
            "AFTER DELETE ON ArticleTags" => "OLD.ArticlesId",
            _ => "NULL",
        };

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
