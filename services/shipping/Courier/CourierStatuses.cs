using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.Courier;

/// <summary>The partner courier's status codes, mapped onto shipping's normalised statuses.</summary>
public static class CourierStatuses
{
    public const string CashCollected = "cash_collected";

    public static ShipmentStatus? Normalise(string courierStatus) => courierStatus.Trim().ToLowerInvariant() switch
    {
        "picked_up" => ShipmentStatus.PickedUp,
        "in_transit" => ShipmentStatus.InTransit,
        "out_for_delivery" => ShipmentStatus.OutForDelivery,
        "delivered" => ShipmentStatus.Delivered,
        "delivery_failed" => ShipmentStatus.DeliveryFailed,
        "returned" => ShipmentStatus.Returned,
        _ => null,
    };
}
