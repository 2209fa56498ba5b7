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

/// <summary>
/// What one order holds in stock. Keyed by the order id, so a replayed <c>OrderPlaced</c> never reserves twice,
/// and a cancel that overtakes its <c>OrderPlaced</c> leaves a released row that the late placement respects.
/// </summary>
public sealed class StockReservation
{
    public Guid OrderId { get; init; }
    public Guid CooperativeId { get; init; }
    public ReservationStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>When a held reservation goes back on sale if the parcel has not left; null once it has.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<StockReservationLine> Lines { get; init; } = [];
}

public sealed class StockReservationLine
{
    public Guid OrderId { get; init; }
    public Guid ProductId { get; init; }
    public int Quantity { get; init; }
}
