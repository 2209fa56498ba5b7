namespace Tadamon.Catalog.Model;

public enum ProductStatus { Draft, Published }

/// <summary>A cooperative's product, named in Arabic and French, priced in Moroccan dirhams.</summary>
public sealed class Product
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CooperativeId { get; init; }
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    public required string Unit { get; set; }
    public decimal PriceMad { get; set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public void Publish() => Status = ProductStatus.Published;
}
