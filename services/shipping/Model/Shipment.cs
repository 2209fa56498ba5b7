using Tadamon.Contracts;
using Tadamon.Contracts.Shipping;

namespace Tadamon.Shipping.Model;

/// <summary>Normalised parcel statuses; the courier's own codes are mapped onto these at the webhook.</summary>
public enum ShipmentStatus { Created, Booked, PickedUp, InTransit, OutForDelivery, DeliveryFailed, Delivered, Returned, Cancelled }

/// <summary>
/// One cooperative's parcel for one order, carried by the partner courier. It is created when the order is
/// confirmed, booked with the courier by <c>CourierWorker</c> (retried until booked, keyed by this id so never
/// booked twice), and then moved only forward by the courier's webhooks, whatever order they arrive in.
/// Each change returns the integration events it raises, for the caller to put in the outbox.
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
    /// <summary>A ready call went out, answered or not: a call that timed out may still have reached the courier.</summary>
    public bool ReadyCallAttempted { get; private set; }
    public bool CancelRequested { get; private set; }
    public bool CancelNotified { get; private set; }
    public int CourierAttempts { get; private set; }
    /// <summary>When the courier worker next calls about this parcel; null when nothing is owed to the courier.</summary>
    public DateTimeOffset? NextCourierAttemptAt { get; private set; } = DateTimeOffset.UtcNow;
    public string? LastCourierError { get; private set; }
    public decimal? CashCollectedMad { get; private set; }
    /// <summary>Cash reported before the delivery itself (the courier's news can arrive out of order): collected on delivery.</summary>
    public decimal? CashPendingMad { get; private set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; private set; } = DateTimeOffset.UtcNow;
    public List<ShipmentEvent> Timeline { get; init; } = [];
    /// <summary>What an operator must look at; appended only (the collection is rarely loaded).</summary>
    public List<ShipmentAnomaly> Anomalies { get; init; } = [];

    /// <summary>
    /// Stands for a parcel whose cancel overtook the order's confirmation; cancelled at once, it keeps a late
    /// confirmation from booking a parcel.
    /// </summary>
    public static Shipment ForCancelBeforeConfirmation(Guid orderId, Guid cooperativeId) => new()
    {
        OrderId = orderId, CooperativeId = cooperativeId, TrackingNumber = $"X-{orderId:N}", Recipient = new Recipient("", "", "", "", ""),
    };

    public bool NeedsCourier =>
        (Status == ShipmentStatus.Created && !CancelRequested)
        || (Status == ShipmentStatus.Booked && ReadyForPickup && !ReadyNotified && !CancelRequested)
        || (CancelRequested && !CancelNotified && CourierReference is not null);

    /// <summary>
    /// Claims the shipment for the courier call it owes, if any: it leaves the worker's queue for
    /// <paramref name="lease"/> while the call is out (no row lock is held across it). A ready call counts as attempted
    /// from here on, answered or not: one that timed out may still have reached the courier.
    /// </summary>
    public CourierCall ClaimCourierCall(DateTimeOffset now, TimeSpan lease)
    {
        CourierCall call;
        if (Status == ShipmentStatus.Created && !CancelRequested) call = CourierCall.Book;
        else if (CancelRequested && !CancelNotified && CourierReference is not null) call = CourierCall.Cancel;
        else if (Status == ShipmentStatus.Booked && ReadyForPickup && !ReadyNotified && !CancelRequested) call = CourierCall.Ready;
        else call = CourierCall.None;

        if (call == CourierCall.Ready) ReadyCallAttempted = true;
        NextCourierAttemptAt = call == CourierCall.None ? null : now + lease;
        return call;
    }

    /// <summary>The courier may have the goods: it was (perhaps) told the parcel is ready, or it reported moving it.</summary>
    public bool MayBeWithCourier => ReadyNotified || ReadyCallAttempted || Rank(Status) >= Rank(ShipmentStatus.PickedUp);

    public IReadOnlyList<IntegrationEvent> Booked(string courierReference, DateTimeOffset now)
    {
        CourierReference = courierReference;
        var events = new List<IntegrationEvent>();
        // A cancel that came while the booking call was out leaves the shipment cancelled; the worker then cancels the booking.
        if (Status == ShipmentStatus.Created)
        {
            Advance(ShipmentStatus.Booked, now, now, "booked", events);
            events.Insert(0, new ShipmentBooked(Id, OrderId, TrackingNumber));
        }
        CourierSucceeded(now);
        return events;
    }

    public void MarkReadyForPickup(DateTimeOffset now)
    {
        ReadyForPickup = true;
        UpdatedAt = now;
        Reschedule(now);
    }

    public void ReadyNotifiedToCourier(DateTimeOffset now) { ReadyNotified = ReadyCallAttempted = true; CourierSucceeded(now); }

    /// <summary>
    /// The order is cancelled. While the courier cannot have the parcel (not booked, or never told it is ready)
    /// the shipment ends here and says so (<c>Cancelled</c>: the stock can go back on sale). Otherwise the courier
    /// is asked to cancel and its answer decides: it never took the parcel, or it brings it back (Returned).
    /// </summary>
    public IReadOnlyList<IntegrationEvent> Cancel(DateTimeOffset now)
    {
        // The order was cancelled (by someone, or by an expiry) after the buyer got the parcel: the buyer has the goods
        // and orders will follow the delivery; an operator must know.
        if (Status == ShipmentStatus.Delivered && !CancelRequested)
            Flag(AnomalyKinds.DeliveredAfterCancel, "Commande annulée alors que le colis était déjà livré", CashCollectedMad, now, now);
        if (CancelRequested || Status is ShipmentStatus.Delivered or ShipmentStatus.Returned or ShipmentStatus.Cancelled) return [];
        CancelRequested = true;
        UpdatedAt = now;
        var events = new List<IntegrationEvent>();
        if (!MayBeWithCourier) Advance(ShipmentStatus.Cancelled, now, now, "cancelled", events);
        Reschedule(now);
        return events;
    }

    /// <summary>The courier took the cancel: <paramref name="pickedUp"/> false means the parcel never left the cooperative.</summary>
    public IReadOnlyList<IntegrationEvent> CancelNotifiedToCourier(bool pickedUp, DateTimeOffset now)
    {
        CancelNotified = true;
        var events = new List<IntegrationEvent>();
        if (!pickedUp && Status == ShipmentStatus.Booked) Advance(ShipmentStatus.Cancelled, now, now, "never picked up", events);
        CourierSucceeded(now);
        return events;
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
    /// Applies one piece of courier news (its own status code; <c>cash_collected</c> with an amount). Always
    /// recorded in the timeline; moves the parcel only forward; cash counts only for a delivered parcel; news
    /// that contradicts what shipping knows (cash or a delivery after a cancel or a return) becomes an anomaly.
    /// </summary>
    public IReadOnlyList<IntegrationEvent> ApplyCourierNews(string courierStatus, decimal? amountMad, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        var events = new List<IntegrationEvent>();
        if (CourierCodes.IsCash(courierStatus)) ReportCash(amountMad ?? 0m, occurredAt, now, events);
        else if (CourierCodes.Normalise(courierStatus) is { } status) Advance(status, occurredAt, now, null, events);
        else Flag(AnomalyKinds.UnknownCourierStatus, $"Statut inconnu du transporteur : {courierStatus}", null, occurredAt, now);
        return events;
    }

    private void ReportCash(decimal amountMad, DateTimeOffset occurredAt, DateTimeOffset now, List<IntegrationEvent> events)
    {
        if (CashCollectedMad is not null || CashPendingMad is not null) return; // a copy under another webhook id
        switch (Status)
        {
            case ShipmentStatus.Delivered:
                Collect(amountMad, occurredAt, now, events);
                break;
            case ShipmentStatus.Returned or ShipmentStatus.Cancelled or ShipmentStatus.Created:
                Flag(AnomalyKinds.CashWithoutDelivery, $"Encaissement signalé pour un colis {Status}", amountMad, occurredAt, now);
                break;
            default:
                // Still on its way: the delivery news is probably behind the cash; it is collected when it comes.
                CashPendingMad = amountMad;
                UpdatedAt = now;
                break;
        }
    }

    private void Collect(decimal amountMad, DateTimeOffset occurredAt, DateTimeOffset now, List<IntegrationEvent> events)
    {
        CashCollectedMad = amountMad;
        CashPendingMad = null;
        UpdatedAt = now;
        Timeline.Add(new ShipmentEvent { ShipmentId = Id, Kind = ShipmentEventKind.CashCollected, OccurredAt = occurredAt, RecordedAt = now, Applied = true, Note = $"{amountMad} MAD" });
        events.Add(new CashCollected(Id, OrderId, amountMad));
    }

    /// <summary>
    /// Records a status in the timeline and moves the parcel if this is news: a status at or below the current
    /// rank (a duplicate, a late copy) is kept in the timeline but changes nothing.
    /// </summary>
    private void Advance(ShipmentStatus to, DateTimeOffset occurredAt, DateTimeOffset now, string? note, List<IntegrationEvent> events)
    {
        var moves = Rank(to) > Rank(Status);
        Timeline.Add(new ShipmentEvent { ShipmentId = Id, Status = to, OccurredAt = occurredAt, RecordedAt = now, Applied = moves, Note = note });
        if (Status == ShipmentStatus.Cancelled && to != ShipmentStatus.Cancelled)
            Flag(AnomalyKinds.NewsAfterCancel, $"Le transporteur signale {to} pour un colis annulé avant enlèvement", null, occurredAt, now);
        if (!moves) return;
        if (to == ShipmentStatus.Delivered && CancelRequested)
            Flag(AnomalyKinds.DeliveredAfterCancel, "Colis livré alors que la commande était annulée", null, occurredAt, now);
        if (to == ShipmentStatus.Returned && CashPendingMad is { } cash)
            Flag(AnomalyKinds.CashWithoutDelivery, "Encaissement signalé pour un colis retourné", cash, occurredAt, now);

        Status = to;
        UpdatedAt = now;
        events.Add(new ShipmentStatusChanged(Id, OrderId, TrackingNumber, to.ToString(), note));
        if (to == ShipmentStatus.Delivered) events.Add(new ShipmentDelivered(Id, OrderId));
        if (to == ShipmentStatus.Returned) events.Add(new ShipmentReturned(Id, OrderId));
        if (to == ShipmentStatus.Delivered && CashPendingMad is { } pending) Collect(pending, occurredAt, now, events);
        if (to == ShipmentStatus.Returned) CashPendingMad = null;
        if (!NeedsCourier) NextCourierAttemptAt = null; // a call still owed keeps its back-off
    }

    private void Flag(string kind, string detail, decimal? amountMad, DateTimeOffset occurredAt, DateTimeOffset now) =>
        Anomalies.Add(new ShipmentAnomaly
        {
            ShipmentId = Id, OrderId = OrderId, TrackingNumber = TrackingNumber, Kind = kind, Detail = detail,
            AmountMad = amountMad, ShipmentStatus = Status, OccurredAt = occurredAt, RecordedAt = now,
        });

    private void CourierSucceeded(DateTimeOffset now)
    {
        CourierAttempts = 0;
        LastCourierError = null;
        UpdatedAt = now;
        Reschedule(now);
    }

    /// <summary>Keeps the worker's set (a partial index on this column) to the shipments that still owe the courier a call.</summary>
    private void Reschedule(DateTimeOffset now) => NextCourierAttemptAt = NeedsCourier ? now : null;

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

/// <summary>The courier's status codes, mapped onto shipping's normalised statuses.</summary>
public static class CourierCodes
{
    public const string CashCollected = "cash_collected";

    public static bool IsCash(string courierStatus) => courierStatus.Trim().Equals(CashCollected, StringComparison.OrdinalIgnoreCase);

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

/// <summary>What shipping owes the courier next about a parcel.</summary>
public enum CourierCall { None, Book, Ready, Cancel }

public sealed record Recipient(string Name, string Phone, string Region, string City, string Street);

public enum ShipmentEventKind { Status, CashCollected }

/// <summary>One line of a parcel's tracking timeline: a status the courier reported, or the cash it collected.</summary>
public sealed class ShipmentEvent
{
    public long Id { get; init; }
    public Guid ShipmentId { get; init; }
    public ShipmentEventKind Kind { get; init; } = ShipmentEventKind.Status;
    /// <summary>The reported status; null on a line that is not a status (cash).</summary>
    public ShipmentStatus? Status { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>False when the news was stale (out of order or repeated) and did not move the parcel.</summary>
    public bool Applied { get; init; }
    public string? Note { get; init; }

    /// <summary>What the line says: the status, or the kind of a non-status line.</summary>
    public string Label => Kind == ShipmentEventKind.Status ? Status?.ToString() ?? "" : Kind.ToString();
}

public static class AnomalyKinds
{
    public const string CashWithoutDelivery = "cash-without-delivery";
    public const string DeliveredAfterCancel = "delivered-after-cancel";
    public const string NewsAfterCancel = "news-after-cancel";
    public const string UnknownCourierStatus = "unknown-courier-status";
}

/// <summary>
/// Courier news that contradicts what shipping knows (cash for a parcel that came back, a delivery after a
/// cancel): nothing is paid or moved on it; an operator decides (and, later, settlement opens a discrepancy).
/// </summary>
public sealed class ShipmentAnomaly
{
    public long Id { get; init; }
    public Guid ShipmentId { get; init; }
    public Guid OrderId { get; init; }
    public required string TrackingNumber { get; init; }
    public required string Kind { get; init; }
    public required string Detail { get; init; }
    public decimal? AmountMad { get; init; }
    /// <summary>The parcel's status when the news came.</summary>
    public ShipmentStatus ShipmentStatus { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
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
