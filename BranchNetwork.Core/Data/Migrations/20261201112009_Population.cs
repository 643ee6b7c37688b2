using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Population : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TownshipPopulations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Township = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Residents = table.Column<int>(type: "INTEGER", nullable: true),
                    Villages = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TownshipPopulations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VillagePopulations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Residents = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VillagePopulations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VillagePopulations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TownshipPopulations_Year_Township",
                table: "TownshipPopulations",
                columns: new[] { "Year", "Township" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VillagePopulations_UnitId",
                table: "VillagePopulations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_VillagePopulations_Year_UnitId",
                table: "VillagePopulations",
                columns: new[] { "Year", "UnitId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TownshipPopulations");

            migrationBuilder.DropTable(
                name: "VillagePopulations");
        }
    }
}
