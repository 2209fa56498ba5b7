namespace Tadamon.Orders.Model;

/// <summary>
/// Orders' own copy of a product's sale terms, kept from catalog's events, so totals are computed
/// server-side without calling catalog at checkout.
/// </summary>
public sealed class PriceBookEntry
{
    public Guid ProductId { get; init; }
    public Guid CooperativeId { get; set; }
    public required string NameAr { get; set; }
    public required string NameFr { get; set; }
    public required string Unit { get; set; }
    public decimal PriceMad { get; set; }
    /// <summary>When catalog's change happened; an older event never overwrites a newer one.</summary>
    public DateTimeOffset AsOf { get; set; }
}
