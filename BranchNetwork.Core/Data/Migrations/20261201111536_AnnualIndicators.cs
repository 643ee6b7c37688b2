using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnualIndicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Frequency",
                table: "Indicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Frequency",
                table: "Indicators");
        }
    }
}
