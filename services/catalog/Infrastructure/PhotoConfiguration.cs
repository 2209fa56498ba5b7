using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Photos;

namespace Tadamon.Catalog.Infrastructure;

internal sealed class PhotoRenditionConfiguration : IEntityTypeConfiguration<PhotoRendition>
{
    public void Configure(EntityTypeBuilder<PhotoRendition> rendition)
    {
        rendition.ToTable("photo_renditions");
        rendition.HasKey(r => new { r.Hash, r.Width });
        rendition.Property(r => r.Hash).HasMaxLength(64).IsFixedLength();
    }
}

/// <summary>A product's photos are one small jsonb document, read and written with the product's row.</summary>
internal static class ProductPhotosColumn
{
    // Property names as written: the store's "is this picture still used" query matches on "Hash".
    private static readonly JsonSerializerOptions Json = new();

    public static void Map(EntityTypeBuilder<Product> product) =>
        product.Property(p => p.Photos)
            .HasColumnType("jsonb")
            .HasDefaultValueSql("'[]'::jsonb")
            .HasConversion(
                photos => JsonSerializer.Serialize(photos, Json),
                json => JsonSerializer.Deserialize<List<ProductPhoto>>(json, Json) ?? new List<ProductPhoto>(),
                new ValueComparer<IReadOnlyList<ProductPhoto>>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    photos => JsonSerializer.Serialize(photos, Json).GetHashCode(),
                    photos => photos.ToList()));
}
