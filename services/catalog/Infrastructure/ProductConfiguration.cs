using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Infrastructure;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products", t =>
        {
            // The database itself refuses an oversell, whatever code path tries one.
            t.HasCheckConstraint("ck_products_stock_available", "\"StockAvailable\" >= 0");
            t.HasCheckConstraint("ck_products_stock_reserved", "\"StockReserved\" >= 0");
        });
        product.Property(p => p.NameAr).HasMaxLength(200);
        product.Property(p => p.NameFr).HasMaxLength(200);
        product.Property(p => p.DescriptionAr).HasMaxLength(4000);
        product.Property(p => p.DescriptionFr).HasMaxLength(4000);
        product.Property(p => p.Category).HasMaxLength(40);
        product.Property(p => p.Unit).HasMaxLength(20);
        product.Property(p => p.PriceMad).HasPrecision(12, 2);
        product.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        product.Property(p => p.SearchText).HasMaxLength(9000);
        ProductPhotosColumn.Map(product);
        product.HasIndex(p => p.CooperativeId);
        product.HasIndex(p => new { p.Category, p.PriceMad });
        // Substring search over folded Arabic + French text: LIKE '%word%' uses this trigram index.
        product.HasIndex(p => p.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class CooperativeConfiguration : IEntityTypeConfiguration<Cooperative>
{
    public void Configure(EntityTypeBuilder<Cooperative> cooperative)
    {
        cooperative.ToTable("cooperatives");
        cooperative.Property(c => c.NameAr).HasMaxLength(200);
        cooperative.Property(c => c.NameFr).HasMaxLength(200);
        cooperative.Property(c => c.Region).HasMaxLength(40);
        cooperative.Property(c => c.Province).HasMaxLength(100);
        cooperative.Property(c => c.Type).HasConversion<string>().HasMaxLength(30);
        cooperative.Property(c => c.SellerType).HasConversion<string>().HasMaxLength(30);
        // Two operators changing one profile at once: the second save fails rather than send the same version twice.
        cooperative.Property(c => c.ProfileVersion).IsConcurrencyToken();
        cooperative.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        cooperative.Property(c => c.SuspensionReason).HasMaxLength(500);
        cooperative.Property(c => c.ContactPhone).HasMaxLength(20);
        cooperative.Property(c => c.ContactEmail).HasMaxLength(200);
        cooperative.Property(c => c.AppliedBy).HasMaxLength(100);
        cooperative.HasIndex(c => new { c.Status, c.Region });
    }
}

internal sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> reservation)
    {
        reservation.ToTable("stock_reservations");
        reservation.HasKey(r => r.OrderId);
        reservation.Property(r => r.OrderId).ValueGeneratedNever();
        reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        reservation.Property(r => r.RejectionReason).HasMaxLength(60);
        reservation.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.OrderId);
        // The sweeper looks only at held reservations that can expire.
        reservation.HasIndex(r => r.ExpiresAt).HasFilter("\"Status\" = 'Held' AND \"ExpiresAt\" IS NOT NULL");
    }
}

internal sealed class StockReservationLineConfiguration : IEntityTypeConfiguration<StockReservationLine>
{
    public void Configure(EntityTypeBuilder<StockReservationLine> line)
    {
        line.ToTable("stock_reservation_lines");
        line.HasKey(l => new { l.OrderId, l.ProductId });
    }
}
