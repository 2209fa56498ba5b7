namespace Tadamon.Contracts.Catalog;

public sealed record ReservedLine(Guid ProductId, int Quantity);

/// <summary>Every line of an order is set aside in stock until it is delivered, cancelled or expires.</summary>
public sealed record StockReserved(Guid OrderId, IReadOnlyList<ReservedLine> Lines) : IntegrationEvent;

/// <summary>
/// The order could not be reserved as a whole; nothing was set aside. <paramref name="Reason"/> is a stable code:
/// <c>out-of-stock</c>, <c>product-unavailable</c>, <c>cooperative-not-selling</c>.
/// </summary>
public sealed record StockReservationRejected(Guid OrderId, string Reason, Guid? ProductId) : IntegrationEvent;

/// <summary>A reservation was held too long without the parcel leaving: its stock went back on sale.</summary>
public sealed record StockReservationExpired(Guid OrderId) : IntegrationEvent;
