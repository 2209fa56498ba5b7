namespace Tadamon.Settlement.Model;

/// <summary>An operator's payout run for a period; one per period end, so running it again returns the same batch.</summary>
public sealed class PayoutBatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateOnly PeriodEnd { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public List<Payout> Payouts { get; init; } = [];
}

public enum PayoutStatus { Pending, Paid }

/// <summary>
/// What one cooperative is paid in a batch: the sum of its parcels' nets, less the nets of parcels an earlier payout
/// paid and that came back since (the statement). Unique on batch and cooperative; paid once, with the bank
/// transfer's reference, which posts the money out of the bank.
/// </summary>
public sealed class Payout
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BatchId { get; init; }
    public Guid CooperativeId { get; init; }
    public decimal GrossMad { get; init; }
    public decimal FeesMad { get; init; }
    /// <summary>Nets taken back for parcels returned after an earlier payout paid them.</summary>
    public decimal ClawbacksMad { get; init; }
    public decimal AmountMad { get; init; }
    public int ParcelCount { get; init; }
    public PayoutStatus Status { get; set; }
    public string? TransferReference { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateOnly PeriodEnd { get; init; }
}
