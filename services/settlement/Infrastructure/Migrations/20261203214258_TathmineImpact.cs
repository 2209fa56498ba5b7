using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Settlement.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TathmineImpact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cooperative_profiles",
                columns: table => new
                {
                    CooperativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SellerType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ValueChain = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Programme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperative_profiles", x => x.CooperativeId);
                });

            migrationBuilder.CreateTable(
                name: "support_actions",
                columns: table => new
                {
                    SupportActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CooperativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_actions", x => x.SupportActionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_support_actions_CooperativeId",
                table: "support_actions",
                column: "CooperativeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cooperative_profiles");

            migrationBuilder.DropTable(
                name: "support_actions");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "orders");
        }
    }
}
