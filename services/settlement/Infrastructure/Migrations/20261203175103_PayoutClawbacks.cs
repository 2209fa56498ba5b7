using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Settlement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PayoutClawbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ClawbacksMad",
                table: "payouts",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "ClawbackPayoutId",
                table: "parcels",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_parcels_ClawbackPayoutId",
                table: "parcels",
                column: "ClawbackPayoutId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_parcels_ClawbackPayoutId",
                table: "parcels");

            migrationBuilder.DropColumn(
                name: "ClawbacksMad",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "ClawbackPayoutId",
                table: "parcels");
        }
    }
}
