using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Broadsheet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThreadCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovedCommentCount",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ThreadRootCount",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // RAW SQL (keep when regenerating)
            // The counts of the comments already stored, in one pass over them (both databases
            // take UPDATE … FROM); articles without approved comments keep the default 0.
            migrationBuilder.Sql("""
                UPDATE "Articles" SET "ApprovedCommentCount" = s."Approved", "ThreadRootCount" = s."Roots"
                FROM (SELECT c."ArticleId", count(*) AS "Approved",
                             sum(CASE WHEN c."ParentId" IS NULL OR p."Status" IS NULL OR p."Status" <> 'Approved' THEN 1 ELSE 0 END) AS "Roots"
                      FROM "Comments" AS c LEFT JOIN "Comments" AS p ON p."Id" = c."ParentId"
                      WHERE c."Status" = 'Approved'
                      GROUP BY c."ArticleId") AS s
                WHERE "Articles"."Id" = s."ArticleId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedCommentCount",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ThreadRootCount",
                table: "Articles");
        }
    }
}
