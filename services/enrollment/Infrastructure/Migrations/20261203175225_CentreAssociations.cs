using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Enrollment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CentreAssociations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "centre_associations",
                columns: table => new
                {
                    CentreId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssociationId = table.Column<Guid>(type: "uuid", nullable: true),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_centre_associations", x => x.CentreId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_centre_associations_AssociationId",
                table: "centre_associations",
                column: "AssociationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "centre_associations");
        }
    }
}
