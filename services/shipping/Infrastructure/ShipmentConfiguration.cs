using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Infrastructure;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> shipment)
    {
        shipment.ToTable("shipments");
        shipment.Property(s => s.TrackingNumber).HasMaxLength(40);
        shipment.HasIndex(s => s.TrackingNumber).IsUnique();
        // One parcel per order: a replayed OrderConfirmed cannot create a second shipment.
        shipment.HasIndex(s => s.OrderId).IsUnique();
        shipment.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        shipment.Property(s => s.CashOnDeliveryMad).HasPrecision(12, 2);
        shipment.Property(s => s.CashCollectedMad).HasPrecision(12, 2);
        shipment.Property(s => s.CourierReference).HasMaxLength(60);
        shipment.Property(s => s.LastCourierError).HasMaxLength(500);
        shipment.Property<uint>("Version").IsRowVersion();
        shipment.ComplexProperty(s => s.Recipient, r =>
        {
            r.Property(x => x.Name).HasMaxLength(200);
            r.Property(x => x.Phone).HasMaxLength(20);
            r.Property(x => x.Region).HasMaxLength(40);
            r.Property(x => x.City).HasMaxLength(100);
            r.Property(x => x.Street).HasMaxLength(300);
        });
        shipment.Property(s => s.CashPendingMad).HasPrecision(12, 2);
        shipment.HasMany(s => s.Timeline).WithOne().HasForeignKey(e => e.ShipmentId);
        shipment.HasMany(s => s.Anomalies).WithOne().HasForeignKey(a => a.ShipmentId);
        // The courier worker's queue: only shipments that still owe the courier a call, so finished ones cost nothing.
        shipment.HasIndex(s => s.NextCourierAttemptAt).HasFilter("\"NextCourierAttemptAt\" IS NOT NULL");
    }
}

internal sealed class ShipmentEventConfiguration : IEntityTypeConfiguration<ShipmentEvent>
{
    public void Configure(EntityTypeBuilder<ShipmentEvent> e)
    {
        e.ToTable("shipment_events");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Ignore(x => x.Label);
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasIndex(x => new { x.ShipmentId, x.OccurredAt });
    }
}

internal sealed class ShipmentAnomalyConfiguration : IEntityTypeConfiguration<ShipmentAnomaly>
{
    public void Configure(EntityTypeBuilder<ShipmentAnomaly> a)
    {
        a.ToTable("shipment_anomalies");
        a.Property(x => x.TrackingNumber).HasMaxLength(40);
        a.Property(x => x.Kind).HasMaxLength(40);
        a.Property(x => x.Detail).HasMaxLength(300);
        a.Property(x => x.AmountMad).HasPrecision(12, 2);
        a.Property(x => x.ShipmentStatus).HasConversion<string>().HasMaxLength(20);
        a.HasIndex(x => x.RecordedAt);
    }
}

internal sealed class CourierWebhookConfiguration : IEntityTypeConfiguration<CourierWebhook>
{
    public void Configure(EntityTypeBuilder<CourierWebhook> webhook)
    {
        webhook.ToTable("courier_webhooks");
        webhook.HasKey(w => w.WebhookId);
        webhook.Property(w => w.WebhookId).HasColumnName("webhook_id").HasMaxLength(100);
        webhook.Property(w => w.Payload).HasColumnName("payload").HasColumnType("jsonb");
        webhook.Property(w => w.ReceivedAt).HasColumnName("received_at");
        webhook.Property(w => w.ShipmentId).HasColumnName("shipment_id");
        webhook.Property(w => w.Status).HasColumnName("status").HasMaxLength(40);
        webhook.Property(w => w.OccurredAt).HasColumnName("occurred_at");
        webhook.Property(w => w.AmountMad).HasColumnName("amount_mad").HasPrecision(12, 2);
        webhook.Property(w => w.AppliedAt).HasColumnName("applied_at");
        webhook.Property(w => w.Attempts).HasColumnName("attempts");
        webhook.Property(w => w.LastError).HasColumnName("last_error").HasMaxLength(1000);
        webhook.Property(w => w.ParkedAt).HasColumnName("parked_at");
        // The applier only ever looks for webhooks still to apply: keep that index tiny.
        webhook.HasIndex(w => w.ReceivedAt).HasFilter("applied_at IS NULL AND parked_at IS NULL").HasDatabaseName("ix_courier_webhooks_pending");
    }
}
