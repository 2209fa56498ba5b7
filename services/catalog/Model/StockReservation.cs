namespace Tadamon.Catalog.Model;

public enum ReservationStatus
{
    /// <summary>Units are set aside for the order.</summary>
    Held,
    /// <summary>Delivered: the units are sold for good.</summary>
    Committed,
    /// <summary>Cancelled or expired before delivery: the units went back on sale.</summary>
    Released,
    /// <summary>The parcel came back: the units went back on sale.</summary>
    Restored,
    /// <summary>The order could not be reserved as a whole; nothing was held.</summary>
    Rejected,
}

/// <summary>How a reservation change moves its units between the product's counters.</summary>
public enum StockMove
{
    None,
    /// <summary>Held units go back on sale.</summary>
    ReservedToAvailable,
    /// <summary>Held units are sold for good (they leave both counters).</summary>
    ReservedToSold,
    /// <summary>Sold units came back and are on sale again.</summary>
    SoldToAvailable,
}

/// <summary>
/// What one order holds in stock. Keyed by the order id, so a replayed <c>OrderPlaced</c> never reserves twice,
/// and a cancel that overtakes its <c>OrderPlaced</c> leaves a released row that the late placement respects.
/// Held units go back on sale only while the goods are certainly at the cooperative: a cancel before the parcel
/// was ready, or the courier's word that it never took it, or its return. Once the courier may have the parcel
/// (picked up, or ready when the order was cancelled) the reservation is pinned: no expiry, no release.
/// </summary>
public sealed class StockReservation
{
    public Guid OrderId { get; init; }
    public Guid CooperativeId { get; init; }
    public ReservationStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>When a held reservation is reported expired if the parcel has not left; null once it has (or once reported).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<StockReservationLine> Lines { get; init; } = [];

    /// <summary>
    /// The order was cancelled. Before the parcel was ready the units go back on sale; when the courier may have
    /// it (<paramref name="awaitsReturn"/>) they stay held until shipping says where the parcel is.
    /// </summary>
    public StockMove Cancelled(bool awaitsReturn, DateTimeOffset now) =>
        awaitsReturn ? Pin(now) : Leave(ReservationStatus.Held, ReservationStatus.Released, StockMove.ReservedToAvailable, now);

    /// <summary>
    /// Shipping's news about the parcel: Cancelled means the courier never took it (its units are at the
    /// cooperative, back on sale); any status past Booked proves a pickup, even when the PickedUp copy is late.
    /// </summary>
    public StockMove ShipmentMoved(string shipmentStatus, DateTimeOffset now) => shipmentStatus switch
    {
        "Booked" => StockMove.None,
        "Cancelled" => Leave(ReservationStatus.Held, ReservationStatus.Released, StockMove.ReservedToAvailable, now),
        _ => Pin(now),
    };

    /// <summary>Delivered: held units are sold for good.</summary>
    public StockMove Delivered(DateTimeOffset now) => Leave(ReservationStatus.Held, ReservationStatus.Committed, StockMove.ReservedToSold, now);

    /// <summary>The parcel came back: its units are on sale again, whether or not they had been committed.</summary>
    public StockMove Returned(DateTimeOffset now) => Status switch
    {
        ReservationStatus.Held => Leave(ReservationStatus.Held, ReservationStatus.Restored, StockMove.ReservedToAvailable, now),
        ReservationStatus.Committed => Leave(ReservationStatus.Committed, ReservationStatus.Restored, StockMove.SoldToAvailable, now),
        _ => StockMove.None,
    };

    /// <summary>The parcel may have left the cooperative: the reservation must not expire any more.</summary>
    public StockMove Pin(DateTimeOffset now)
    {
        if (Status == ReservationStatus.Held && ExpiresAt is not null) { ExpiresAt = null; UpdatedAt = now; }
        return StockMove.None;
    }

    /// <summary>
    /// Past its time. Nothing moves here: only orders knows whether the parcel may already be with the courier,
    /// so expiry is reported once (the caller announces it) and the units come back through the order's cancel.
    /// </summary>
    public bool Expire(DateTimeOffset now)
    {
        if (Status != ReservationStatus.Held || ExpiresAt is null || ExpiresAt >= now) return false;
        ExpiresAt = null;
        UpdatedAt = now;
        return true;
    }

    private StockMove Leave(ReservationStatus from, ReservationStatus to, StockMove move, DateTimeOffset now)
    {
        if (Status != from) return StockMove.None;
        Status = to;
        UpdatedAt = now;
        return move;
    }
}

public sealed class StockReservationLine
{
    public Guid OrderId { get; init; }
    public Guid ProductId { get; init; }
    public int Quantity { get; init; }
}
