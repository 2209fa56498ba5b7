using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tadamon.Shipping.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BatchedMessaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "amount_mad",
                table: "courier_webhooks",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "applied_at",
                table: "courier_webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "courier_webhooks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "courier_webhooks",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "occurred_at",
                table: "courier_webhooks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                table: "courier_webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "shipment_id",
                table: "courier_webhooks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "courier_webhooks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "deferred_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    destination = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    first_deferred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deferred_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "created_at",
                filter: "dispatched_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_courier_webhooks_pending",
                table: "courier_webhooks",
                column: "received_at",
                filter: "applied_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deferred_due",
                table: "deferred_messages",
                column: "next_attempt_at",
                filter: "next_attempt_at IS NOT NULL");

            // Webhooks stored before this migration were applied through the broker already.
            migrationBuilder.Sql("UPDATE courier_webhooks SET applied_at = received_at WHERE applied_at IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deferred_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_courier_webhooks_pending",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "amount_mad",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "shipment_id",
                table: "courier_webhooks");

            migrationBuilder.DropColumn(
                name: "status",
                table: "courier_webhooks");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "created_at",
                filter: "dispatched_at IS NULL");
        }
    }
}
