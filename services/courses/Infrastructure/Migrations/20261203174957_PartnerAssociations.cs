using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Courses.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PartnerAssociations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssociationId",
                table: "centres",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "partner_associations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NameAr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegistrationNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partner_associations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_centres_AssociationId",
                table: "centres",
                column: "AssociationId");

            migrationBuilder.CreateIndex(
                name: "IX_partner_associations_RegistrationNumber",
                table: "partner_associations",
                column: "RegistrationNumber",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_centres_partner_associations_AssociationId",
                table: "centres",
                column: "AssociationId",
                principalTable: "partner_associations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_centres_partner_associations_AssociationId",
                table: "centres");

            migrationBuilder.DropTable(
                name: "partner_associations");

            migrationBuilder.DropIndex(
                name: "IX_centres_AssociationId",
                table: "centres");

            migrationBuilder.DropColumn(
                name: "AssociationId",
                table: "centres");
        }
    }
}
