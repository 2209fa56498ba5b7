namespace Tadamon.Orders.Model;

public enum OrderStatus { Placed, Confirmed, Rejected, ReadyForPickup, Shipped, Delivered, DeliveryFailed, Returned, Cancelled, Recalling }

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
/// | DeliveryFailed → Returned; cancelled by the buyer before pickup, by an operator any time before delivery.
/// A cancel once the courier may hold the parcel (ready, shipped, failed) is a recall, not an end: the order is
/// Recalling until the courier says the parcel never left (Cancelled), came back (Returned) or, despite all,
/// was delivered (Delivered; shipping lists it for an operator). Courier news only ever moves an order forward,
/// and it is paid only once delivered. Every change is kept in <see cref="History"/>.
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
    /// <summary>What happened to the order and when; loaded on demand (appending works without loading it).</summary>
    public List<OrderHistoryEntry> History { get; init; } = [];

    public bool IsPaid => PaidAt is not null;

    /// <summary>Cancelled while the courier may have the parcel: its stock stays held until the parcel's fate is known.</summary>
    public bool AwaitsReturn => Status == OrderStatus.Recalling;

    private static readonly OrderStatus[] BeforePickup = [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.ReadyForPickup];
    private static readonly OrderStatus[] BeforeDelivery = [.. BeforePickup, OrderStatus.Shipped, OrderStatus.DeliveryFailed];

    /// <summary>The first line of the history; called once, when the checkout creates the order.</summary>
    public Order Placed()
    {
        if (History.Count == 0) Record(nameof(OrderStatus.Placed), PlacedAt, null);
        return this;
    }

    public void Confirm(DateTimeOffset now) => Move(OrderStatus.Confirmed, "confirmed", now, null, OrderStatus.Placed);

    public void Reject(string reason, DateTimeOffset now) => Move(OrderStatus.Rejected, "rejected", now, reason, OrderStatus.Placed);

    public void MarkReadyForPickup(DateTimeOffset now) =>
        Move(OrderStatus.ReadyForPickup, "marked ready for pickup", now, null, OrderStatus.Confirmed);

    /// <summary>
    /// Buyers cancel only before pickup; operators (and the system) until delivery. Once the parcel is ready the
    /// courier may already have it (a pickup can race the cancel), so the order is recalled rather than ended.
    /// </summary>
    public void Cancel(string reason, bool byOperator, DateTimeOffset now) =>
        Move(Status is OrderStatus.Placed or OrderStatus.Confirmed ? OrderStatus.Cancelled : OrderStatus.Recalling,
            "cancelled", now, reason, byOperator ? BeforeDelivery : BeforePickup);

    public bool CanCancel(bool byOperator) => (byOperator ? BeforeDelivery : BeforePickup).Contains(Status);

    public void RecordBooking(Guid shipmentId, string trackingNumber, DateTimeOffset now)
    {
        if (ShipmentId is not null) return;
        ShipmentId = shipmentId;
        TrackingNumber = trackingNumber;
        UpdatedAt = now;
        Record("ShipmentBooked", now, trackingNumber);
    }

    /// <summary>
    /// Shipping's news about the order's parcel: any status but Cancelled proves the booking (whose own copy may be
    /// late); then the status applies (see <see cref="ApplyCourierStatus"/>).
    /// </summary>
    public bool ApplyShipmentNews(Guid shipmentId, string trackingNumber, string shipmentStatus, DateTimeOffset now)
    {
        if (shipmentStatus != "Cancelled") RecordBooking(shipmentId, trackingNumber, now);
        return ApplyCourierStatus(shipmentStatus, now);
    }

    /// <summary>
    /// Applies the courier's news. Returns true when the order moved. Late or reordered news (a rank not above
    /// the current one) and news about cancelled or rejected orders change nothing; a recalled order takes the
    /// parcel's fate: never left (Cancelled), back (Returned) or delivered after all.
    /// </summary>
    public bool ApplyCourierStatus(string shipmentStatus, DateTimeOffset now)
    {
        if (Status == OrderStatus.Recalling)
        {
            return shipmentStatus switch
            {
                "Cancelled" => Enter(OrderStatus.Cancelled, now, StatusReason),
                "Returned" => Enter(OrderStatus.Returned, now, StatusReason),
                "Delivered" => Enter(OrderStatus.Delivered, now, "delivered-after-cancel"),
                _ => false,
            };
        }
        OrderStatus? target = shipmentStatus switch
        {
            "PickedUp" or "InTransit" or "OutForDelivery" => OrderStatus.Shipped,
            "DeliveryFailed" => OrderStatus.DeliveryFailed,
            "Delivered" => OrderStatus.Delivered,
            "Returned" => OrderStatus.Returned,
            _ => null,
        };
        if (target is not { } next || Rank(next) <= Rank(Status) || Status is OrderStatus.Cancelled or OrderStatus.Rejected) return false;
        return Enter(next, now, StatusReason);
    }

    /// <summary>
    /// The courier collected the cash. Paid only once delivered: cash that overtook the delivery news waits
    /// for it (shipping announces cash only for delivered parcels, so that news is on its way).
    /// </summary>
    public bool MarkPaid(decimal amountMad, DateTimeOffset now)
    {
        if (CashCollectedMad is not null) return false;
        CashCollectedMad = amountMad;
        UpdatedAt = now;
        if (Status == OrderStatus.Delivered) SettlePayment(now);
        return true;
    }

    private bool Enter(OrderStatus to, DateTimeOffset now, string? reason)
    {
        Status = to;
        StatusReason = reason;
        UpdatedAt = now;
        Record(to.ToString(), now, reason);
        if (to == OrderStatus.Delivered && CashCollectedMad is not null) SettlePayment(now);
        return true;
    }

    private void SettlePayment(DateTimeOffset now)
    {
        if (PaidAt is not null) return;
        PaidAt = now;
        Record("Paid", now, $"{CashCollectedMad} MAD");
    }

    private void Record(string what, DateTimeOffset at, string? note) =>
        History.Add(new OrderHistoryEntry { OrderId = Id, Event = what, At = at, Note = note });

    private static int Rank(OrderStatus status) => status switch
    {
        OrderStatus.Placed => 0,
        OrderStatus.Confirmed => 1,
        OrderStatus.ReadyForPickup => 2,
        OrderStatus.Shipped => 3,
        OrderStatus.DeliveryFailed => 4,
        OrderStatus.Delivered or OrderStatus.Returned => 5,
        _ => 6, // Rejected, Cancelled: final, nothing after them; Recalling is handled on its own
    };

    private void Move(OrderStatus to, string action, DateTimeOffset now, string? reason, params OrderStatus[] allowedFrom)
    {
        if (!allowedFrom.Contains(Status)) throw new IllegalTransitionException(Status, action);
        Enter(to, now, reason);
    }
}

/// <summary>One line of an order's history: a status it entered (by name), its booking, its payment; with when.</summary>
public sealed class OrderHistoryEntry
{
    public long Id { get; init; }
    public Guid OrderId { get; init; }
    /// <summary>A status name (Placed, Confirmed, ...), <c>ShipmentBooked</c> or <c>Paid</c>.</summary>
    public required string Event { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The reason of a status, the tracking number of a booking, the amount of a payment.</summary>
    public string? Note { get; init; }
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
