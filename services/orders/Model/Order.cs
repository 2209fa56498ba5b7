namespace Tadamon.Orders.Model;

public enum OrderStatus { Placed, Confirmed, Rejected, ReadyForPickup, Shipped, Delivered, DeliveryFailed, Returned, Cancelled }

/// <summary>An order change the lifecycle does not allow; the API answers it with 409.</summary>
public sealed class IllegalTransitionException(OrderStatus from, string action)
    : InvalidOperationException($"An order that is {from} cannot be {action}.")
{
    public OrderStatus From { get; } = from;
    public string Action { get; } = action;
}

/// <summary>
/// One cooperative's share of a buyer's purchase, and its lifecycle:
/// Placed → Confirmed (stock reserved) | Rejected → ReadyForPickup → Shipped → Delivered (Paid on cash collected)
/// | DeliveryFailed → Returned; Cancelled by the buyer before pickup, by an operator any time before delivery.
/// Courier news may arrive late or out of order: it only ever moves an order forward.
/// </summary>
public sealed class Order
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PurchaseId { get; init; }
    public Guid CooperativeId { get; init; }
    public required string BuyerId { get; init; }
    public required DeliveryAddress Recipient { get; init; }
    public List<OrderLine> Lines { get; init; } = [];
    public decimal TotalMad { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.Placed;
    public string? StatusReason { get; private set; }
    public Guid? ShipmentId { get; private set; }
    public string? TrackingNumber { get; private set; }
    public decimal? CashCollectedMad { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset PlacedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; private set; } = DateTimeOffset.UtcNow;

    public bool IsPaid => PaidAt is not null;

    private static readonly OrderStatus[] BeforePickup = [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.ReadyForPickup];
    private static readonly OrderStatus[] BeforeDelivery = [.. BeforePickup, OrderStatus.Shipped, OrderStatus.DeliveryFailed];

    public void Confirm(DateTimeOffset now) => Move(OrderStatus.Confirmed, "confirmed", now, null, OrderStatus.Placed);

    public void Reject(string reason, DateTimeOffset now) => Move(OrderStatus.Rejected, "rejected", now, reason, OrderStatus.Placed);

    public void MarkReadyForPickup(DateTimeOffset now) =>
        Move(OrderStatus.ReadyForPickup, "marked ready for pickup", now, null, OrderStatus.Confirmed);

    /// <summary>Buyers cancel only before pickup; operators (and the system) until delivery.</summary>
    public void Cancel(string reason, bool byOperator, DateTimeOffset now) =>
        Move(OrderStatus.Cancelled, "cancelled", now, reason, byOperator ? BeforeDelivery : BeforePickup);

    public bool CanCancel(bool byOperator) => (byOperator ? BeforeDelivery : BeforePickup).Contains(Status);

    public void RecordBooking(Guid shipmentId, string trackingNumber, DateTimeOffset now)
    {
        ShipmentId = shipmentId;
        TrackingNumber = trackingNumber;
        UpdatedAt = now;
    }

    /// <summary>
    /// Applies the courier's news. Returns true when the order moved. Late or reordered news (a rank not above
    /// the current one) and news about cancelled or rejected orders change nothing.
    /// </summary>
    public bool ApplyCourierStatus(string shipmentStatus, DateTimeOffset now)
    {
        OrderStatus? target = shipmentStatus switch
        {
            "PickedUp" or "InTransit" or "OutForDelivery" => OrderStatus.Shipped,
            "DeliveryFailed" => OrderStatus.DeliveryFailed,
            "Delivered" => OrderStatus.Delivered,
            "Returned" => OrderStatus.Returned,
            _ => null,
        };
        if (target is not { } next || Rank(next) <= Rank(Status) || Status is OrderStatus.Cancelled or OrderStatus.Rejected) return false;
        Status = next;
        UpdatedAt = now;
        return true;
    }

    public bool MarkPaid(decimal amountMad, DateTimeOffset now)
    {
        if (IsPaid) return false;
        CashCollectedMad = amountMad;
        PaidAt = now;
        UpdatedAt = now;
        return true;
    }

    private static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Placed => 0,
        OrderStatus.Confirmed => 1,
        OrderStatus.ReadyForPickup => 2,
        OrderStatus.Shipped => 3,
        OrderStatus.DeliveryFailed => 4,
        OrderStatus.Delivered or OrderStatus.Returned => 5,
        _ => 6, // Rejected, Cancelled: final, nothing after them
    };

    private void Move(OrderStatus to, string action, DateTimeOffset now, string? reason, params OrderStatus[] allowedFrom)
    {
        if (!allowedFrom.Contains(Status)) throw new IllegalTransitionException(Status, action);
        Status = to;
        StatusReason = reason;
        UpdatedAt = now;
    }
}

public sealed class OrderLine
{
    public Guid ProductId { get; init; }
    public required string NameAr { get; init; }
    public required string NameFr { get; init; }
    public required string Unit { get; init; }
    public int Quantity { get; init; }
    public decimal UnitPriceMad { get; init; }
    public decimal LineTotalMad => UnitPriceMad * Quantity;
}

/// <summary>Where and to whom the courier delivers; copied into each order so it stands on its own.</summary>
public sealed record DeliveryAddress(string RecipientName, string Phone, string Region, string City, string Street);
