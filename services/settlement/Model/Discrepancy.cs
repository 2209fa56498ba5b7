namespace Tadamon.Settlement.Model;

/// <summary>The kinds of discrepancy reconciliation opens; docs/runbook.md says what each means and what to do.</summary>
public static class DiscrepancyKinds
{
    public const string AmountMismatch = "amount-mismatch";
    public const string RemittedTwice = "remitted-twice";
    public const string UnknownParcel = "unknown-parcel";
    public const string MissingFromRemittance = "missing-from-remittance";
    public const string HeldTooLong = "held-too-long";
}

/// <summary>
/// Something an operator must settle. <see cref="OutstandingMad"/> is what the courier still owes for it (negative:
/// what we owe the courier), of which <see cref="FeeMad"/> is the courier's fee it will keep. Opened once per subject
/// (a remittance line, or a parcel for missing and held-too-long); closed by an operator or by a later remittance.
/// </summary>
public sealed class Discrepancy
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Kind { get; init; }
    /// <summary>What it is about: the remittance line's id, or the parcel's shipment id.</summary>
    public required string Subject { get; init; }
    public required string TrackingNumber { get; init; }
    public Guid? ShipmentId { get; init; }
    public Guid? RemittanceId { get; init; }
    public decimal ExpectedMad { get; init; }
    public decimal RemittedMad { get; init; }
    public decimal OutstandingMad { get; init; }
    public decimal FeeMad { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>settled, written-off, or remitted (closed by a later remittance), or collected (an unknown parcel's cash was recorded late).</summary>
    public string? Resolution { get; set; }
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public string? ResolvedBy { get; set; }

    public bool IsOpen => ResolvedAt is null;
}
