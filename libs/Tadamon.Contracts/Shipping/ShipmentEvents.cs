namespace Tadamon.Contracts.Shipping;

/// <summary>The courier accepted the parcel; it is tracked under <paramref name="TrackingNumber"/>.</summary>
public sealed record ShipmentBooked(Guid ShipmentId, Guid OrderId, string TrackingNumber) : IntegrationEvent;

/// <summary>
/// The parcel moved forward. <paramref name="Status"/> is one of the normalised statuses: Booked, PickedUp,
/// InTransit, OutForDelivery, Delivered, DeliveryFailed, Returned, or Cancelled (the parcel never left the
/// cooperative: its stock can go back on sale). It never moves backwards for one shipment,
/// but copies may arrive out of order: compare <see cref="IntegrationEvent.OccurredAt"/> or the status rank.
/// </summary>
public sealed record ShipmentStatusChanged(Guid ShipmentId, Guid OrderId, string TrackingNumber, string Status, string? Note) : IntegrationEvent;

/// <summary>The recipient received the parcel.</summary>
public sealed record ShipmentDelivered(Guid ShipmentId, Guid OrderId) : IntegrationEvent;

/// <summary>The parcel came back to the cooperative after a failed delivery; its goods are back in stock.</summary>
public sealed record ShipmentReturned(Guid ShipmentId, Guid OrderId) : IntegrationEvent;

/// <summary>The courier collected the cash-on-delivery amount from the recipient.</summary>
public sealed record CashCollected(Guid ShipmentId, Guid OrderId, decimal AmountMad) : IntegrationEvent;
