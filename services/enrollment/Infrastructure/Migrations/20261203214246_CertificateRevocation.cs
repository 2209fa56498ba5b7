using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Enrollment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CertificateRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BeneficiaryId",
                table: "certificates",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Certificates issued before this migration name their beneficiary through their enrollment.
            migrationBuilder.Sql("""
                UPDATE certificates c SET "BeneficiaryId" = e."BeneficiaryId"
                FROM enrollments e WHERE e."Id" = c."EnrollmentId";
                """);

            migrationBuilder.AddColumn<string>(
                name: "RevocationReason",
                table: "certificates",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevokedAt",
                table: "certificates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "certificates",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BeneficiaryId",
                table: "certificates");

            migrationBuilder.DropColumn(
                name: "RevocationReason",
                table: "certificates");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "certificates");

            migrationBuilder.DropColumn(
                name: "RevokedBy",
                table: "certificates");
        }
    }
}
