using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Courses.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CentrePauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "centre_pauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Commune = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CentreType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CentreIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ReasonAr = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    ReasonFr = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResumedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_centre_pauses", x => x.Id);
                    table.CheckConstraint("ck_centre_pause_dates", "\"Until\" IS NULL OR \"Until\" >= \"From\"");
                });

            migrationBuilder.CreateTable(
                name: "paused_courses",
                columns: table => new
                {
                    PauseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    ModeBefore = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ModeDuring = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CancelledLiveClassIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Restored = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paused_courses", x => new { x.PauseId, x.CourseId });
                    table.ForeignKey(
                        name: "FK_paused_courses_centre_pauses_PauseId",
                        column: x => x.PauseId,
                        principalTable: "centre_pauses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_centre_pauses_CreatedAt",
                table: "centre_pauses",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_centre_pauses_IdempotencyKey",
                table: "centre_pauses",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_paused_courses_CourseId",
                table: "paused_courses",
                column: "CourseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paused_courses");

            migrationBuilder.DropTable(
                name: "centre_pauses");
        }
    }
}
