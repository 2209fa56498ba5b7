using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Infrastructure;

internal sealed class PriceBookEntryConfiguration : IEntityTypeConfiguration<PriceBookEntry>
{
    public void Configure(EntityTypeBuilder<PriceBookEntry> entry)
    {
        entry.ToTable("price_book");
        entry.HasKey(e => e.ProductId);
        entry.Property(e => e.ProductId).ValueGeneratedNever();
        entry.Property(e => e.NameAr).HasMaxLength(200);
        entry.Property(e => e.NameFr).HasMaxLength(200);
        entry.Property(e => e.Unit).HasMaxLength(20);
        entry.Property(e => e.PriceMad).HasPrecision(12, 2);
    }
}
