using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Broadsheet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WordPressImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WordPressId",
                table: "Tags",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentHtml",
                table: "Comments",
                type: "TEXT",
                maxLength: 131050,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisqusId",
                table: "Comments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WordPressId",
                table: "Comments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WordPressId",
                table: "Categories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Authors",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WordPressId",
                table: "Authors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WordPressLogin",
                table: "Authors",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeaturedImageUrl",
                table: "Articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSticky",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Articles",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Post");

            migrationBuilder.AddColumn<int>(
                name: "WordPressId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LegacyUrls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegacyUrls", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tags_WordPressId",
                table: "Tags",
                column: "WordPressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_DisqusId",
                table: "Comments",
                column: "DisqusId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Comments_WordPressId",
                table: "Comments",
                column: "WordPressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Categories_WordPressId",
                table: "Categories",
                column: "WordPressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Authors_WordPressId",
                table: "Authors",
                column: "WordPressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Authors_WordPressLogin",
                table: "Authors",
                column: "WordPressLogin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_WordPressId",
                table: "Articles",
                column: "WordPressId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegacyUrls_Path",
                table: "LegacyUrls",
                column: "Path",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LegacyUrls");

            migrationBuilder.DropIndex(
                name: "IX_Tags_WordPressId",
                table: "Tags");

            migrationBuilder.DropIndex(
                name: "IX_Comments_DisqusId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_WordPressId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Categories_WordPressId",
                table: "Categories");

            migrationBuilder.DropIndex(
                name: "IX_Authors_WordPressId",
                table: "Authors");

            migrationBuilder.DropIndex(
                name: "IX_Authors_WordPressLogin",
                table: "Authors");

            migrationBuilder.DropIndex(
                name: "IX_Articles_WordPressId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Tags");

            migrationBuilder.DropColumn(
                name: "ContentHtml",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "DisqusId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "WordPressLogin",
                table: "Authors");

            migrationBuilder.DropColumn(
                name: "FeaturedImageUrl",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "IsSticky",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WordPressId",
                table: "Articles");
        }
    }
}
