using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Rule",
                table: "StandardItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "Threshold",
                table: "StandardItems",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Rule",
                table: "StandardItems");

            migrationBuilder.DropColumn(
                name: "Threshold",
                table: "StandardItems");
        }
    }
}
