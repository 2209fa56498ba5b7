using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Courses.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LessonCaptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CaptionsLanguage",
                table: "lessons",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CaptionsUrl",
                table: "lessons",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_lesson_captions_language",
                table: "lessons",
                sql: "\"CaptionsLanguage\" IS NULL OR \"CaptionsLanguage\" IN ('ar', 'fr')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_lesson_captions_language",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "CaptionsLanguage",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "CaptionsUrl",
                table: "lessons");
        }
    }
}
