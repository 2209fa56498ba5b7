using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Catalog.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TrainedMembers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cooperative_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CooperativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvitationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InvitedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BeneficiaryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ConsentedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cooperative_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "member_certificates",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BeneficiaryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CourseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseTitleAr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CourseTitleFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_member_certificates", x => x.Code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cooperative_members_BeneficiaryId",
                table: "cooperative_members",
                column: "BeneficiaryId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperative_members_CooperativeId",
                table: "cooperative_members",
                column: "CooperativeId");

            migrationBuilder.CreateIndex(
                name: "IX_cooperative_members_current",
                table: "cooperative_members",
                columns: new[] { "CooperativeId", "BeneficiaryId" },
                unique: true,
                filter: "\"BeneficiaryId\" IS NOT NULL AND \"LeftAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cooperative_members_InvitationCode",
                table: "cooperative_members",
                column: "InvitationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_member_certificates_BeneficiaryId",
                table: "member_certificates",
                column: "BeneficiaryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cooperative_members");

            migrationBuilder.DropTable(
                name: "member_certificates");
        }
    }
}
