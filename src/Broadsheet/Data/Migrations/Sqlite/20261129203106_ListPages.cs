using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Broadsheet.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_AuthorId_Status_PublishedAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AuthorId_Status_Kind_PublishedAt",
                table: "Articles",
                columns: new[] { "AuthorId", "Status", "Kind", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_Kind_PublishedAt_Id_CategoryId",
                table: "Articles",
                columns: new[] { "Status", "Kind", "PublishedAt", "Id", "CategoryId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_AuthorId_Status_Kind_PublishedAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_Kind_PublishedAt_Id_CategoryId",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AuthorId_Status_PublishedAt",
                table: "Articles",
                columns: new[] { "AuthorId", "Status", "PublishedAt" });
        }
    }
}
