using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tadamon.Shipping.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentAnomaliesAndCourierQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_shipments_NextCourierAttemptAt",
                table: "shipments");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "NextCourierAttemptAt",
                table: "shipments",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<decimal>(
                name: "CashPendingMad",
                table: "shipments",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "shipment_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "shipment_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Status");

            // Cash lines used to carry the parcel's status of the moment; they become lines of their own.
            migrationBuilder.Sql("""
                UPDATE shipment_events SET "Kind" = 'CashCollected', "Status" = NULL,
                       "Note" = substring("Note" from length('cash-collected:') + 1) || ' MAD'
                WHERE "Note" LIKE 'cash-collected:%'
                """);

            // Finished shipments leave the courier worker's queue (and the partial index below).
            migrationBuilder.Sql("""
                UPDATE shipments SET "NextCourierAttemptAt" = NULL
                WHERE NOT (("Status" = 'Created' AND NOT "CancelRequested")
                        OR ("Status" = 'Booked' AND "ReadyForPickup" AND NOT "ReadyNotified" AND NOT "CancelRequested")
                        OR ("CancelRequested" AND NOT "CancelNotified" AND "CourierReference" IS NOT NULL))
                """);

            migrationBuilder.CreateTable(
                name: "shipment_anomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AmountMad = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    ShipmentStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipment_anomalies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_shipment_anomalies_shipments_ShipmentId",
                        column: x => x.ShipmentId,
                        principalTable: "shipments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_shipments_NextCourierAttemptAt",
                table: "shipments",
                column: "NextCourierAttemptAt",
                filter: "\"NextCourierAttemptAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_shipment_anomalies_RecordedAt",
                table: "shipment_anomalies",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_shipment_anomalies_ShipmentId",
                table: "shipment_anomalies",
                column: "ShipmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shipment_anomalies");

            migrationBuilder.DropIndex(
                name: "IX_shipments_NextCourierAttemptAt",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "CashPendingMad",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "shipment_events");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "NextCourierAttemptAt",
                table: "shipments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "shipment_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipments_NextCourierAttemptAt",
                table: "shipments",
                column: "NextCourierAttemptAt");
        }
    }
}
