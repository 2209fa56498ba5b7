using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Infrastructure;

public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<PriceBookEntry> PriceBook => Set<PriceBookEntry>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrdersDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
