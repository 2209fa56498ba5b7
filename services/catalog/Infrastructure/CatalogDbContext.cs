using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Infrastructure;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
