using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Infrastructure;

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> purchase)
    {
        purchase.ToTable("purchases");
        purchase.Property(p => p.BuyerId).HasMaxLength(100);
        purchase.Property(p => p.IdempotencyKey).HasMaxLength(100);
        purchase.Property(p => p.RequestHash).HasMaxLength(64);
        purchase.Property(p => p.PaymentMethod).HasMaxLength(30);
        purchase.Property(p => p.TotalMad).HasPrecision(12, 2);
        // The idempotency guarantee itself: two racing retries cannot both insert.
        purchase.HasIndex(p => new { p.BuyerId, p.IdempotencyKey }).IsUnique();
        purchase.HasMany(p => p.Orders).WithOne().HasForeignKey(o => o.PurchaseId);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.Property(o => o.BuyerId).HasMaxLength(100);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.StatusReason).HasMaxLength(500);
        order.Property(o => o.TrackingNumber).HasMaxLength(40);
        order.Property(o => o.TotalMad).HasPrecision(12, 2);
        order.Property(o => o.CashCollectedMad).HasPrecision(12, 2);
        order.ComplexProperty(o => o.Recipient, recipient =>
        {
            recipient.Property(r => r.RecipientName).HasMaxLength(200);
            recipient.Property(r => r.Phone).HasMaxLength(20);
            recipient.Property(r => r.Region).HasMaxLength(40);
            recipient.Property(r => r.City).HasMaxLength(100);
            recipient.Property(r => r.Street).HasMaxLength(300);
        });
        order.OwnsMany(o => o.Lines, line =>
        {
            line.ToTable("order_lines");
            line.WithOwner().HasForeignKey("OrderId");
            line.HasKey("OrderId", nameof(OrderLine.ProductId));
            line.Property(l => l.NameAr).HasMaxLength(200);
            line.Property(l => l.NameFr).HasMaxLength(200);
            line.Property(l => l.Unit).HasMaxLength(20);
            line.Property(l => l.UnitPriceMad).HasPrecision(12, 2);
            line.Ignore(l => l.LineTotalMad);
        });
        order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId);
        // xmin: an API change and a consumer change to one order never silently overwrite each other.
        order.Property<uint>("Version").IsRowVersion();
        order.HasIndex(o => new { o.BuyerId, o.PlacedAt });
        order.HasIndex(o => new { o.CooperativeId, o.PlacedAt });
    }
}

internal sealed class OrderHistoryEntryConfiguration : IEntityTypeConfiguration<OrderHistoryEntry>
{
    public void Configure(EntityTypeBuilder<OrderHistoryEntry> entry)
    {
        entry.ToTable("order_history");
        entry.Property(h => h.Event).HasMaxLength(30);
        entry.Property(h => h.Note).HasMaxLength(500);
        entry.HasIndex(h => new { h.OrderId, h.At });
    }
}
