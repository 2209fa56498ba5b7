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
        shipment.HasIndex(s => s.OrderId).IsUnique();
        shipment.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        shipment.Property(s => s.CashOnDeliveryMad).HasPrecision(12, 2);
    }
}
