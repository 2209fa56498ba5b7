using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Shipping.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentReadyCallAttempted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReadyCallAttempted",
                table: "shipments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // A parcel the courier was told about, or that failed calls since it was ready, may be with the courier.
            migrationBuilder.Sql("""
                UPDATE shipments SET "ReadyCallAttempted" = TRUE
                WHERE "ReadyNotified" OR ("ReadyForPickup" AND "CourierAttempts" > 0 AND "Status" = 'Booked')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReadyCallAttempted",
                table: "shipments");
        }
    }
}
