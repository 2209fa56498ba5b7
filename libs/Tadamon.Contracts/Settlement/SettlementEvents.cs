namespace Tadamon.Contracts.Settlement;

/// <summary>
/// Reconciliation found something an operator must look at. <paramref name="Kind"/> is one of: amount-mismatch,
/// remitted-twice, unknown-parcel, missing-from-remittance, held-too-long. <paramref name="OutstandingMad"/> is what
/// the courier still owes the agency for it (negative: what the agency owes the courier).
/// </summary>
public sealed record DiscrepancyOpened(Guid DiscrepancyId, string Kind, string TrackingNumber, decimal OutstandingMad) : IntegrationEvent;

/// <summary>The agency paid a cooperative its net for a payout period; <paramref name="TransferReference"/> is the bank's.</summary>
public sealed record PayoutPaid(Guid PayoutId, Guid BatchId, Guid CooperativeId, decimal AmountMad, string TransferReference) : IntegrationEvent;
