namespace Tadamon.Contracts.Catalog;

/// <summary>A cooperative's product went on sale (or was re-published with new details).</summary>
public sealed record ProductPublished(
    Guid ProductId,
    Guid CooperativeId,
    string NameAr,
    string NameFr,
    string Unit,
    decimal PriceMad) : IntegrationEvent;

/// <summary>A published product's price changed; orders charges the new price from now on.</summary>
public sealed record ProductPriceChanged(Guid ProductId, Guid CooperativeId, decimal PriceMad) : IntegrationEvent;
