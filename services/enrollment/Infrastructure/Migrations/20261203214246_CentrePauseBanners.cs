using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Enrollment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CentrePauseBanners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "centre_pause_banners",
                columns: table => new
                {
                    PauseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreNameAr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CentreNameFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReasonAr = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    ReasonFr = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    PausedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_centre_pause_banners", x => new { x.PauseId, x.CentreId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_centre_pause_banners_CentreId_ResumedAt",
                table: "centre_pause_banners",
                columns: new[] { "CentreId", "ResumedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "centre_pause_banners");
        }
    }
}
