using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Broadsheet.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        // RAW SQL (keep when regenerating): the full-text index of articles on PostgreSQL. One row
        // per article: a weighted tsvector (A title, B excerpt, tags and author, C body; English
        // stemming) under a GIN index, and the plain text under a pg_trgm index for Chinese and
        // other space-less text. Triggers keep it in step with Articles, ArticleTags, Tags and
        // Authors, so every write path updates the index in its own transaction. Every article is
        // indexed; search filters "published" at query time, since a scheduled article goes live
        // without any write.
        private const string IndexArticle = """
            CREATE FUNCTION broadsheet_index_article(article_id integer) RETURNS void LANGUAGE sql AS $$
                DELETE FROM "ArticleSearch" WHERE "ArticleId" = article_id;
                INSERT INTO "ArticleSearch" ("ArticleId", "Vector", "Text")
                SELECT a."Id",
                       setweight(to_tsvector('english', a."Title"), 'A') ||
                       setweight(to_tsvector('english', a."Excerpt" || ' ' || d.tags || ' ' || d.author), 'B') ||
                       setweight(to_tsvector('english', a."BodyMarkdown"), 'C'),
                       a."Title" || ' ' || a."Excerpt" || ' ' || d.tags || ' ' || d.author || ' ' || a."BodyMarkdown"
                FROM "Articles" a
                CROSS JOIN LATERAL (SELECT
                    coalesce((SELECT string_agg(t."Name", ' ') FROM "ArticleTags" at JOIN "Tags" t ON t."Id" = at."TagsId"
                              WHERE at."ArticlesId" = a."Id"), '') AS tags,
                    coalesce((SELECT au."Name" FROM "Authors" au WHERE au."Id" = a."AuthorId"), '') AS author) d
                WHERE a."Id" = article_id;
            $$;
            """;

        private const string Triggers = """
            CREATE FUNCTION broadsheet_article_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'Articles' THEN
                    PERFORM broadsheet_index_article(NEW."Id");
                ELSIF TG_TABLE_NAME = 'ArticleTags' THEN
                    PERFORM broadsheet_index_article(CASE WHEN TG_OP = 'DELETE' THEN OLD."ArticlesId" ELSE NEW."ArticlesId" END);
                ELSIF TG_TABLE_NAME = 'Tags' THEN
                    PERFORM broadsheet_index_article(at."ArticlesId") FROM "ArticleTags" at WHERE at."TagsId" = NEW."Id";
                ELSIF TG_TABLE_NAME = 'Authors' THEN
                    PERFORM broadsheet_index_article(a."Id") FROM "Articles" a WHERE a."AuthorId" = NEW."Id";
                END IF;
                RETURN NULL;
            END;
            $$;
            CREATE TRIGGER "ArticleSearch_Article" AFTER INSERT OR UPDATE OF "Title", "Excerpt", "BodyMarkdown", "AuthorId"
                ON "Articles" FOR EACH ROW EXECUTE FUNCTION broadsheet_article_search_changed();
            CREATE TRIGGER "ArticleSearch_ArticleTags" AFTER INSERT OR DELETE
                ON "ArticleTags" FOR EACH ROW EXECUTE FUNCTION broadsheet_article_search_changed();
            CREATE TRIGGER "ArticleSearch_Tag" AFTER UPDATE OF "Name"
                ON "Tags" FOR EACH ROW EXECUTE FUNCTION broadsheet_article_search_changed();
            CREATE TRIGGER "ArticleSearch_Author" AFTER UPDATE OF "Name"
                ON "Authors" FOR EACH ROW EXECUTE FUNCTION broadsheet_article_search_changed();
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleSearch" (
                    "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
                    "Vector" tsvector NOT NULL,
                    "Text" text NOT NULL);
                CREATE INDEX "IX_ArticleSearch_Vector" ON "ArticleSearch" USING GIN ("Vector");
                CREATE INDEX "IX_ArticleSearch_Text" ON "ArticleSearch" USING GIN ("Text" gin_trgm_ops);
                """);
            migrationBuilder.Sql(IndexArticle);
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql("SELECT broadsheet_index_article(\"Id\") FROM \"Articles\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "ArticleSearch_Article" ON "Articles";
                DROP TRIGGER IF EXISTS "ArticleSearch_ArticleTags" ON "ArticleTags";
                DROP TRIGGER IF EXISTS "ArticleSearch_Tag" ON "Tags";
                DROP TRIGGER IF EXISTS "ArticleSearch_Author" ON "Authors";
                DROP FUNCTION IF EXISTS broadsheet_article_search_changed();
                DROP FUNCTION IF EXISTS broadsheet_index_article(integer);
                DROP TABLE IF EXISTS "ArticleSearch";
                """);
        }
    }
}
