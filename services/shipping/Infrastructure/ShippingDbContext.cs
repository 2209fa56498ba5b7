using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Infrastructure;

public sealed class ShippingDbContext(DbContextOptions<ShippingDbContext> options) : DbContext(options)
{
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<CourierWebhook> CourierWebhooks => Set<CourierWebhook>();
    public DbSet<ShipmentAnomaly> Anomalies => Set<ShipmentAnomaly>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShippingDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
