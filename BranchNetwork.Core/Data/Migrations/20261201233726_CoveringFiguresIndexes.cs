using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringFiguresIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyReports_PeriodKey_State",
                table: "MonthlyReports");

            migrationBuilder.CreateIndex(
                name: "IX_ReportValues_ReportId_IndicatorId_Value",
                table: "ReportValues",
                columns: new[] { "ReportId", "IndicatorId", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_PeriodKey_State_UnitId",
                table: "MonthlyReports",
                columns: new[] { "PeriodKey", "State", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportValues_ReportId_IndicatorId_Value",
                table: "ReportValues");

            migrationBuilder.DropIndex(
                name: "IX_MonthlyReports_PeriodKey_State_UnitId",
                table: "MonthlyReports");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_PeriodKey_State",
                table: "MonthlyReports",
                columns: new[] { "PeriodKey", "State" });
        }
    }
}
