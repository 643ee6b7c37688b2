using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubmittedFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubmittedFlags",
                table: "ReportValues",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SubmittedFlags",
                table: "ReportValues");
        }
    }
}
