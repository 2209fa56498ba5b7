namespace Tadamon.Contracts.Orders;

public sealed record OrderedLine(Guid ProductId, int Quantity, decimal UnitPriceMad);

public sealed record DeliveryAddress(string RecipientName, string Phone, string Region, string City, string Street);

/// <summary>A buyer's checkout produced this order for one cooperative; its stock is not reserved yet.</summary>
public sealed record OrderPlaced(
    Guid OrderId,
    Guid PurchaseId,
    Guid CooperativeId,
    string BuyerId,
    IReadOnlyList<OrderedLine> Lines,
    decimal TotalMad) : IntegrationEvent;

/// <summary>Stock is reserved: the order will ship, paid in cash on delivery.</summary>
public sealed record OrderConfirmed(
    Guid OrderId,
    Guid CooperativeId,
    string BuyerId,
    DeliveryAddress Recipient,
    int ItemCount,
    decimal CashOnDeliveryMad) : IntegrationEvent;

/// <summary>The cooperative packed the parcel; the courier may pick it up.</summary>
public sealed record OrderReadyForPickup(Guid OrderId, Guid CooperativeId) : IntegrationEvent;

/// <summary>
/// The order will not be delivered. <paramref name="CancelledBy"/> is a role (buyer, operator, system).
/// <paramref name="AwaitsReturn"/>: the courier may already have the parcel, so its stock stays held until
/// shipping reports it back (<c>ShipmentReturned</c>) or never taken (<c>ShipmentStatusChanged</c> Cancelled).
/// </summary>
public sealed record OrderCancelled(Guid OrderId, Guid CooperativeId, string Reason, string CancelledBy, bool AwaitsReturn = false) : IntegrationEvent;

/// <summary>The buyer received the parcel: the reserved stock is sold for good.</summary>
public sealed record OrderDelivered(Guid OrderId, Guid CooperativeId) : IntegrationEvent;
