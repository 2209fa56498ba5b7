using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Infrastructure;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Cooperative> Cooperatives => Set<Cooperative>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<StockReservation> StockReservations => Set<StockReservation>();
    public DbSet<Photos.PhotoRendition> PhotoRenditions => Set<Photos.PhotoRendition>();
    public DbSet<CooperativeMember> CooperativeMembers => Set<CooperativeMember>();
    public DbSet<MemberCertificate> MemberCertificates => Set<MemberCertificate>();
    public DbSet<ProgrammeMembership> ProgrammeMemberships => Set<ProgrammeMembership>();
    public DbSet<SupportAction> SupportActions => Set<SupportAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
