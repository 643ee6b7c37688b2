using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchNetwork.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class VoidedRecordsAndActivityPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "TrainingSessions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "TrainingSessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "TrainingSessions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "ResourceItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "ResourceItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "ResourceItems",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "Grants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "Grants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "Grants",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "Deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Closures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "Closures",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "Closures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "Closures",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoFiles",
                table: "Activities",
                type: "TEXT",
                maxLength: 240,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "Activities",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAtUtc",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "Activities",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "TrainingSessions");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "TrainingSessions");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "TrainingSessions");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "ResourceItems");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "ResourceItems");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "ResourceItems");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "Deliveries");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Closures");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "Closures");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "Closures");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "Closures");

            migrationBuilder.DropColumn(
                name: "PhotoFiles",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "VoidedAtUtc",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "Activities");
        }
    }
}
