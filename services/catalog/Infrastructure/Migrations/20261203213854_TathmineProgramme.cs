using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Catalog.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TathmineProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProfileVersion",
                table: "cooperatives",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "SellerType",
                table: "cooperatives",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "Cooperative");

            // "Very small enterprise" was a cooperative type; it is now a seller type, and the type keeps only the
            // members' character (women, youth, mixed): such sellers become very small enterprises of mixed character.
            migrationBuilder.Sql("""UPDATE cooperatives SET "SellerType" = 'VerySmallEnterprise', "Type" = 'Mixed' WHERE "Type" = 'VerySmallEnterprise'""");

            migrationBuilder.CreateTable(
                name: "programme_memberships",
                columns: table => new
                {
                    CooperativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Programme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValueChain = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WeakLinks = table.Column<List<string>>(type: "text[]", nullable: false),
                    DiagnosisNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_memberships", x => x.CooperativeId);
                    table.ForeignKey(
                        name: "FK_programme_memberships_cooperatives_CooperativeId",
                        column: x => x.CooperativeId,
                        principalTable: "cooperatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "support_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CooperativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    CostMad = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_support_actions_programme_memberships_CooperativeId",
                        column: x => x.CooperativeId,
                        principalTable: "programme_memberships",
                        principalColumn: "CooperativeId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_programme_memberships_Programme_ValueChain",
                table: "programme_memberships",
                columns: new[] { "Programme", "ValueChain" });

            migrationBuilder.CreateIndex(
                name: "IX_support_actions_CooperativeId_On",
                table: "support_actions",
                columns: new[] { "CooperativeId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE cooperatives SET "Type" = 'VerySmallEnterprise' WHERE "SellerType" = 'VerySmallEnterprise'""");

            migrationBuilder.DropTable(
                name: "support_actions");

            migrationBuilder.DropTable(
                name: "programme_memberships");

            migrationBuilder.DropColumn(
                name: "ProfileVersion",
                table: "cooperatives");

            migrationBuilder.DropColumn(
                name: "SellerType",
                table: "cooperatives");
        }
    }
}
