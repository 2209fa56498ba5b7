namespace Tadamon.Shipping.Model;

public enum ShipmentStatus { Created, Booked, PickedUp, InTransit, OutForDelivery, Delivered, DeliveryFailed, Returned }

/// <summary>One cooperative's parcel for one order, carried by the partner courier.</summary>
public sealed class Shipment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public required string TrackingNumber { get; init; }
    public ShipmentStatus Status { get; set; } = ShipmentStatus.Created;
    public decimal CashOnDeliveryMad { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
