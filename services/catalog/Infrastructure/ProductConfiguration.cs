using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Infrastructure;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products");
        product.Property(p => p.NameAr).HasMaxLength(200);
        product.Property(p => p.NameFr).HasMaxLength(200);
        product.Property(p => p.Unit).HasMaxLength(20);
        product.Property(p => p.PriceMad).HasPrecision(12, 2);
        product.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        product.HasIndex(p => p.CooperativeId);
    }
}
