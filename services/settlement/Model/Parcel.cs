namespace Tadamon.Settlement.Model;

/// <summary>
/// What settlement knows of an order (from orders' <c>OrderConfirmed</c>): whose it is and what the buyer pays.
/// Written once; a late or repeated copy changes nothing.
/// </summary>
public sealed class OrderCopy
{
    public Guid OrderId { get; init; }
    public Guid CooperativeId { get; init; }
    public decimal TotalMad { get; init; }
    /// <summary>When orders confirmed it (the event's time): the month its sale counts in. Null for orders copied before it was kept.</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }
}

/// <summary>
/// One parcel's money: booked (tracking number, from shipping), cash collected (gross, fee, net for the
/// cooperative), remitted by the courier, returned, and paid out in a cooperative's payout.
/// </summary>
public sealed class Parcel
{
    public Guid ShipmentId { get; init; }
    public Guid OrderId { get; init; }
    public required string TrackingNumber { get; init; }
    public Guid? CooperativeId { get; set; }
    public decimal? CollectedMad { get; set; }
    public decimal FeeMad { get; set; }
    /// <summary>What the cooperative is owed for the parcel (gross less the fee when the fee is theirs or the buyer's).</summary>
    public decimal NetMad { get; set; }
    public DateTimeOffset? CollectedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    /// <summary>Set once the parcel's cash reached the bank (a matched remittance line or an operator's settlement).</summary>
    public DateTimeOffset? RemittedAt { get; set; }
    public decimal? RemittedMad { get; set; }
    public Guid? PayoutId { get; set; }
    /// <summary>
    /// The payout that took this parcel's net back: it came back to its cooperative after a payout had paid it, so a
    /// later payout deducts it (once).
    /// </summary>
    public Guid? ClawbackPayoutId { get; set; }

    public bool IsCollected => CollectedAt is not null;
    /// <summary>The courier holds its cash: collected, not back to the cooperative, not yet remitted.</summary>
    public bool IsHeldByCourier => IsCollected && ReturnedAt is null && RemittedAt is null;
}
