namespace Tadamon.Catalog.Model;

public enum ProductStatus { Draft, Published }

/// <summary>
/// A cooperative's product, named in Arabic and French, priced in Moroccan dirhams. Stock is split in what can
/// still be sold (<see cref="StockAvailable"/>) and what orders hold until delivery (<see cref="StockReserved"/>);
/// both only change through <c>StockLedger</c>, with row locks, so no two orders get the same last unit.
/// </summary>
public sealed class Product
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CooperativeId { get; init; }
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    public string DescriptionAr { get; set; } = "";
    public string DescriptionFr { get; set; } = "";
    public required string Category { get; set; }
    public required string Unit { get; set; }
    public decimal PriceMad { get; set; }
    public List<string> PhotoUrls { get; set; } = [];
    /// <summary>Uploaded photos in the manager's order, the cover first; replaced as a whole on every change.</summary>
    public IReadOnlyList<ProductPhoto> Photos { get; private set; } = [];
    public int StockAvailable { get; set; }
    public int StockReserved { get; set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    /// <summary>Names, descriptions and category folded by <see cref="SearchText"/>; what <c>q</c> matches.</summary>
    public string SearchText { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public void Publish() => Status = ProductStatus.Published;

    public bool HasRoomForPhoto => Photos.Count < ProductPhoto.MaxPerProduct;

    /// <summary>Adds a photo at the end (the first one becomes the cover); the same picture twice is kept once.</summary>
    public ProductPhoto AddPhoto(string hash, int width, int height, int[] widths, DateTimeOffset now)
    {
        if (Photos.FirstOrDefault(p => p.Hash == hash) is { } same) return same;
        if (!HasRoomForPhoto) throw new InvalidOperationException($"A product has at most {ProductPhoto.MaxPerProduct} photos.");
        var photo = new ProductPhoto(Guid.CreateVersion7(), hash, width, height, widths);
        Photos = [.. Photos, photo];
        UpdatedAt = now;
        return photo;
    }

    /// <summary>False unless <paramref name="order"/> names every photo exactly once.</summary>
    public bool ReorderPhotos(IReadOnlyList<Guid> order, DateTimeOffset now)
    {
        if (order.Count != Photos.Count || order.Distinct().Count() != order.Count || order.Any(id => Photos.All(p => p.Id != id)))
            return false;
        Photos = [.. order.Select(id => Photos.First(p => p.Id == id))];
        UpdatedAt = now;
        return true;
    }

    public bool MakeCover(Guid photoId, DateTimeOffset now)
    {
        if (Photos.FirstOrDefault(p => p.Id == photoId) is not { } cover) return false;
        Photos = [cover, .. Photos.Where(p => p.Id != photoId)];
        UpdatedAt = now;
        return true;
    }

    public ProductPhoto? RemovePhoto(Guid photoId, DateTimeOffset now)
    {
        if (Photos.FirstOrDefault(p => p.Id == photoId) is not { } removed) return null;
        Photos = [.. Photos.Where(p => p.Id != photoId)];
        UpdatedAt = now;
        return removed;
    }

    public void RefreshSearchText() =>
        SearchText = Model.SearchText.Fold($"{NameAr} {NameFr} {DescriptionAr} {DescriptionFr} {Category}");
}
