using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class BranchScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoreComponents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", nullable: false),
                    Scaling = table.Column<int>(type: "INTEGER", nullable: false),
                    Floor = table.Column<decimal>(type: "TEXT", nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreComponents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreComponents_Metric",
                table: "ScoreComponents",
                column: "Metric",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoreComponents");
        }
    }
}
