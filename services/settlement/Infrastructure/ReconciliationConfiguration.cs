using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Infrastructure;

internal sealed class OrderCopyConfiguration : IEntityTypeConfiguration<OrderCopy>
{
    public void Configure(EntityTypeBuilder<OrderCopy> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.TotalMad).HasPrecision(12, 2);
    }
}

internal sealed class ParcelConfiguration : IEntityTypeConfiguration<Parcel>
{
    public void Configure(EntityTypeBuilder<Parcel> parcel)
    {
        parcel.ToTable("parcels");
        parcel.HasKey(p => p.ShipmentId);
        parcel.Property(p => p.TrackingNumber).HasMaxLength(40);
        parcel.HasIndex(p => p.TrackingNumber);
        parcel.HasIndex(p => new { p.CooperativeId, p.PayoutId });
        parcel.HasIndex(p => p.ClawbackPayoutId);
        parcel.Property(p => p.CollectedMad).HasPrecision(12, 2);
        parcel.Property(p => p.FeeMad).HasPrecision(12, 2);
        parcel.Property(p => p.NetMad).HasPrecision(12, 2);
        parcel.Property(p => p.RemittedMad).HasPrecision(12, 2);
        parcel.Ignore(p => p.IsCollected);
        parcel.Ignore(p => p.IsHeldByCourier);
    }
}

internal sealed class RemittanceConfiguration : IEntityTypeConfiguration<Remittance>
{
    public void Configure(EntityTypeBuilder<Remittance> remittance)
    {
        remittance.ToTable("remittances");
        remittance.Property(r => r.WebhookId).HasMaxLength(100);
        // A webhook delivered twice is stored once.
        remittance.HasIndex(r => r.WebhookId).IsUnique();
        remittance.Property(r => r.TransferReference).HasMaxLength(100);
        remittance.Property(r => r.TransferredMad).HasPrecision(14, 2);
        remittance.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RemittanceId);
    }
}

internal sealed class RemittanceLineConfiguration : IEntityTypeConfiguration<RemittanceLine>
{
    public void Configure(EntityTypeBuilder<RemittanceLine> line)
    {
        line.ToTable("remittance_lines");
        line.Property(l => l.TrackingNumber).HasMaxLength(40);
        line.HasIndex(l => l.TrackingNumber);
        line.Property(l => l.AmountMad).HasPrecision(12, 2);
        line.Property(l => l.FeeMad).HasPrecision(12, 2);
        line.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DiscrepancyConfiguration : IEntityTypeConfiguration<Discrepancy>
{
    public void Configure(EntityTypeBuilder<Discrepancy> discrepancy)
    {
        discrepancy.ToTable("discrepancies");
        discrepancy.Property(d => d.Kind).HasMaxLength(40);
        discrepancy.Property(d => d.Subject).HasMaxLength(60);
        // One discrepancy of a kind per line or parcel, however often reconciliation looks at it.
        discrepancy.HasIndex(d => new { d.Kind, d.Subject }).IsUnique();
        discrepancy.HasIndex(d => d.TrackingNumber);
        discrepancy.HasIndex(d => d.ResolvedAt);
        discrepancy.Property(d => d.TrackingNumber).HasMaxLength(40);
        discrepancy.Property(d => d.Resolution).HasMaxLength(30);
        discrepancy.Property(d => d.Reference).HasMaxLength(100);
        discrepancy.Property(d => d.Note).HasMaxLength(500);
        discrepancy.Property(d => d.ResolvedBy).HasMaxLength(100);
        discrepancy.Property(d => d.ExpectedMad).HasPrecision(12, 2);
        discrepancy.Property(d => d.RemittedMad).HasPrecision(12, 2);
        discrepancy.Property(d => d.OutstandingMad).HasPrecision(12, 2);
        discrepancy.Property(d => d.FeeMad).HasPrecision(12, 2);
        discrepancy.Ignore(d => d.IsOpen);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<PayoutBatch>
{
    public void Configure(EntityTypeBuilder<PayoutBatch> batch)
    {
        batch.ToTable("payout_batches");
        // Running the payouts of a period again returns the batch already made.
        batch.HasIndex(b => b.PeriodEnd).IsUnique();
        batch.Property(b => b.CreatedBy).HasMaxLength(100);
        batch.HasMany(b => b.Payouts).WithOne().HasForeignKey(p => p.BatchId);
    }
}

internal sealed class PayoutLineConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> payout)
    {
        payout.ToTable("payouts");
        payout.HasIndex(p => new { p.BatchId, p.CooperativeId }).IsUnique();
        payout.HasIndex(p => p.CooperativeId);
        payout.Property(p => p.GrossMad).HasPrecision(14, 2);
        payout.Property(p => p.FeesMad).HasPrecision(14, 2);
        payout.Property(p => p.ClawbacksMad).HasPrecision(14, 2);
        payout.Property(p => p.AmountMad).HasPrecision(14, 2);
        payout.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payout.Property(p => p.TransferReference).HasMaxLength(100);
    }
}
