namespace Tadamon.Web.Backend;

// What the web pages read from the marketplace services: only the fields they show, in the services' JSON shape.

// Lists come as ServiceDefaults' Page<T> (items, page number, page size, total): one paging shape for every service.

public sealed record Region(string Code, string NameFr, string NameAr);

public sealed record Product(
    Guid Id, Guid CooperativeId, string NameAr, string NameFr, string DescriptionAr, string DescriptionFr,
    string Category, string Unit, decimal PriceMad, string[] PhotoUrls, int StockAvailable, string Status,
    ProductPhoto[]? Photos = null)
{
    public ProductPhoto? Cover => Photos is { Length: > 0 } photos ? photos[0] : null;
}

/// <summary>An uploaded photo: WebP renditions at <see cref="Widths"/>, the largest <see cref="Width"/> × <see cref="Height"/>.</summary>
public sealed record ProductPhoto(Guid Id, string Hash, int Width, int Height, int[] Widths);

public sealed record StockedProduct(Product Product, int StockReserved, DateTimeOffset UpdatedAt);

public sealed record Cooperative(
    Guid Id, string NameAr, string NameFr, string Region, string Province, string Type, string[] ProductFamilies,
    string Status, string? SuspensionReason, DateTimeOffset AppliedAt, DateTimeOffset? VerifiedAt,
    string SellerType = "Cooperative", ProgrammeBadge? Programme = null);

public sealed record OrderLine(Guid ProductId, string NameAr, string NameFr, string Unit, int Quantity, decimal UnitPriceMad, decimal LineTotalMad);

public sealed record Address(string RecipientName, string Phone, string Region, string City, string Street);

public sealed record Order(
    Guid Id, Guid PurchaseId, Guid CooperativeId, string BuyerId, string Status, string? StatusReason,
    IReadOnlyList<OrderLine> Lines, decimal TotalMad, Address Recipient, string? TrackingNumber,
    bool IsPaid, decimal? CashCollectedMad, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt,
    Guid? ShipmentId = null, IReadOnlyList<OrderHistoryEntry>? History = null);

/// <summary>One step of an order's history (a status, its booking, its payment) with its time; only on a single order.</summary>
public sealed record OrderHistoryEntry(string Event, DateTimeOffset At, string? Note);

public sealed record Purchase(Guid PurchaseId, decimal TotalMad, string PaymentMethod, IReadOnlyList<Order> Orders);


public sealed record TimelineEntry(string Status, DateTimeOffset OccurredAt, bool Applied, string? Note);

public sealed record Tracking(
    string TrackingNumber, string Status, string City, decimal CashOnDeliveryMad, bool CashCollected,
    DateTimeOffset CreatedAt, IReadOnlyList<TimelineEntry> Timeline);

public sealed record Shipment(
    Guid Id, Guid OrderId, Guid CooperativeId, string TrackingNumber, string Status, decimal CashOnDeliveryMad,
    decimal? CashCollectedMad, int CourierAttempts, string? LastCourierError, DateTimeOffset? NextCourierAttemptAt, DateTimeOffset UpdatedAt);

/// <summary>Codes the catalogue accepts; shown translated (see <see cref="Localization.Words"/>).</summary>
public static class MarketCodes
{
    public static readonly string[] Categories =
        ["argan-oil", "olive-oil", "saffron", "honey", "amlou", "couscous", "dates", "spices", "cosmetics", "carpets", "pottery", "textiles", "basketry", "other"];
    public static readonly string[] Units = ["kg", "g", "litre", "ml", "piece", "box", "jar", "m2"];
    public static readonly string[] OrderStatuses =
        ["Placed", "Confirmed", "Rejected", "ReadyForPickup", "Shipped", "Delivered", "DeliveryFailed", "Returned", "Cancelled", "Recalling"];
    public static readonly string[] ShipmentStatuses =
        ["Created", "Booked", "PickedUp", "InTransit", "OutForDelivery", "DeliveryFailed", "Delivered", "Returned", "Cancelled"];
}
