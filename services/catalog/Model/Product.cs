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
    public int StockAvailable { get; set; }
    public int StockReserved { get; set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    /// <summary>Names, descriptions and category folded by <see cref="SearchText"/>; what <c>q</c> matches.</summary>
    public string SearchText { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public void Publish() => Status = ProductStatus.Published;

    public void RefreshSearchText() =>
        SearchText = Model.SearchText.Fold($"{NameAr} {NameFr} {DescriptionAr} {DescriptionFr} {Category}");
}
