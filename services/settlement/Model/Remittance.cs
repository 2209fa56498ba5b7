namespace Tadamon.Settlement.Model;

/// <summary>
/// A remittance statement from the courier: one bank transfer covering the cash of the listed parcels, less the fees
/// it withheld. Stored once per webhook id; <see cref="CollectedUntil"/> is the courier's promise that every parcel it
/// collected by then is listed here or in an earlier statement.
/// </summary>
public sealed class Remittance
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string WebhookId { get; init; }
    public required string TransferReference { get; init; }
    public DateTimeOffset CollectedUntil { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public decimal TransferredMad { get; init; }
    public List<RemittanceLine> Lines { get; init; } = [];
}

public enum LineOutcome { Matched, AmountMismatch, RemittedTwice, UnknownParcel }

public sealed class RemittanceLine
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RemittanceId { get; init; }
    public required string TrackingNumber { get; init; }
    public decimal AmountMad { get; init; }
    public decimal FeeMad { get; init; }
    public LineOutcome Outcome { get; set; }
}
