namespace Tadamon.Shipping.Model;

/// <summary>Normalised parcel statuses; the courier's own codes are mapped onto these at the webhook.</summary>
public enum ShipmentStatus { Created, Booked, PickedUp, InTransit, OutForDelivery, DeliveryFailed, Delivered, Returned, Cancelled }

/// <summary>
/// One cooperative's parcel for one order, carried by the partner courier. It is created when the order is
/// confirmed, booked with the courier by <c>CourierWorker</c> (retried until booked, keyed by this id so never
/// booked twice), and then moved only forward by the courier's webhooks, whatever order they arrive in.
/// </summary>
public sealed class Shipment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public Guid CooperativeId { get; init; }
    public required string TrackingNumber { get; init; }
    public ShipmentStatus Status { get; private set; } = ShipmentStatus.Created;
    public decimal CashOnDeliveryMad { get; init; }
    public int ItemCount { get; init; }
    public required Recipient Recipient { get; init; }
    public string? CourierReference { get; private set; }
    public bool ReadyForPickup { get; private set; }
    public bool ReadyNotified { get; private set; }
    public bool CancelRequested { get; private set; }
    public bool CancelNotified { get; private set; }
    public int CourierAttempts { get; private set; }
    public DateTimeOffset NextCourierAttemptAt { get; private set; } = DateTimeOffset.UtcNow;
    public string? LastCourierError { get; private set; }
    public decimal? CashCollectedMad { get; private set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; private set; } = DateTimeOffset.UtcNow;
    public List<ShipmentEvent> Timeline { get; init; } = [];

    /// <summary>A cancel that overtook the order's confirmation: keeps a late confirmation from booking a parcel.</summary>
    public static Shipment CancelledBeforeCreation(Guid orderId, Guid cooperativeId) => new()
    {
        OrderId = orderId, CooperativeId = cooperativeId, TrackingNumber = $"X-{orderId:N}",
        Recipient = new Recipient("", "", "", "", ""), Status = ShipmentStatus.Cancelled,
    };

    public bool NeedsCourier =>
        (Status == ShipmentStatus.Created && !CancelRequested)
        || (Status == ShipmentStatus.Booked && ReadyForPickup && !ReadyNotified && !CancelRequested)
        || (CancelRequested && !CancelNotified && CourierReference is not null);

    public void Booked(string courierReference, DateTimeOffset now)
    {
        CourierReference = courierReference;
        Advance(ShipmentStatus.Booked, now, now, "booked");
        CourierSucceeded(now);
    }

    public void MarkReadyForPickup(DateTimeOffset now)
    {
        ReadyForPickup = true;
        NextCourierAttemptAt = now;
        UpdatedAt = now;
    }

    public void ReadyNotifiedToCourier(DateTimeOffset now) { ReadyNotified = true; CourierSucceeded(now); }

    public void CancelNotifiedToCourier(DateTimeOffset now) { CancelNotified = true; CourierSucceeded(now); }

    /// <summary>Before pickup the shipment simply ends; after it, the courier is asked to bring the parcel back.</summary>
    public void Cancel(DateTimeOffset now)
    {
        CancelRequested = true;
        NextCourierAttemptAt = now;
        if (Status is ShipmentStatus.Created or ShipmentStatus.Booked) Advance(ShipmentStatus.Cancelled, now, now, "cancelled");
        UpdatedAt = now;
    }

    public void CourierFailed(string error, DateTimeOffset now)
    {
        CourierAttempts++;
        LastCourierError = error.Length > 500 ? error[..500] : error;
        // 1 s, 2 s, 4 s ... capped at 5 minutes: retried until the courier answers, without hammering it.
        NextCourierAttemptAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(CourierAttempts - 1, 9))));
        UpdatedAt = now;
    }

    /// <summary>
    /// Records what happened in the timeline and moves the status if this is news: a status at or below the
    /// current rank (a duplicate, a late copy) is kept in the timeline but changes nothing. Returns true when moved.
    /// </summary>
    public bool Advance(ShipmentStatus to, DateTimeOffset occurredAt, DateTimeOffset now, string? note)
    {
        var moves = Rank(to) > Rank(Status);
        Timeline.Add(new ShipmentEvent { ShipmentId = Id, Status = to, OccurredAt = occurredAt, RecordedAt = now, Applied = moves, Note = note });
        if (!moves) return false;
        Status = to;
        UpdatedAt = now;
        return true;
    }

    public bool CollectCash(decimal amountMad, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (CashCollectedMad is not null) return false;
        CashCollectedMad = amountMad;
        UpdatedAt = now;
        Timeline.Add(new ShipmentEvent { ShipmentId = Id, Status = Status, OccurredAt = occurredAt, RecordedAt = now, Applied = true, Note = $"cash-collected:{amountMad}" });
        return true;
    }

    private void CourierSucceeded(DateTimeOffset now)
    {
        CourierAttempts = 0;
        LastCourierError = null;
        NextCourierAttemptAt = now;
        UpdatedAt = now;
    }

    private static int Rank(ShipmentStatus status) => status switch
    {
        ShipmentStatus.Created => 0,
        ShipmentStatus.Booked => 1,
        ShipmentStatus.PickedUp => 2,
        ShipmentStatus.InTransit => 3,
        ShipmentStatus.OutForDelivery => 4,
        ShipmentStatus.DeliveryFailed => 5,
        ShipmentStatus.Delivered or ShipmentStatus.Returned => 6,
        _ => 7, // Cancelled before pickup: nothing follows
    };
}

public sealed record Recipient(string Name, string Phone, string Region, string City, string Street);

/// <summary>One line of a parcel's tracking timeline.</summary>
public sealed class ShipmentEvent
{
    public long Id { get; init; }
    public Guid ShipmentId { get; init; }
    public ShipmentStatus Status { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>False when the news was stale (out of order or repeated) and did not move the parcel.</summary>
    public bool Applied { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// A courier webhook as received, keyed by its <c>webhook-id</c> (a second copy finds it and is ignored). It is stored
/// first and applied later by <c>CourierWebhookApplier</c>, in shipment order; one that cannot be applied is parked
/// with its error for an operator.
/// </summary>
public sealed class CourierWebhook
{
    public required string WebhookId { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public Guid ShipmentId { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public decimal? AmountMad { get; init; }
    public DateTimeOffset? AppliedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ParkedAt { get; set; }

    public void Failed(string error, int maxAttempts, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= maxAttempts) ParkedAt = now;
    }
}
