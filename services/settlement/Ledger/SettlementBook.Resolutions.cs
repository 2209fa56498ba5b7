using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Ledger;

/// <summary>What an operator may do with an open discrepancy.</summary>
public static class Resolutions
{
    /// <summary>Money moved between the courier and the bank (either way) for what was outstanding; needs the transfer's reference.</summary>
    public const string Settle = "settle";
    /// <summary>The agency absorbs (or keeps) what is outstanding; needs a note saying why.</summary>
    public const string WriteOff = "write-off";

    public static readonly string[] All = [Settle, WriteOff];
}

public sealed partial class SettlementBook
{
    /// <summary>
    /// Closes an open discrepancy by the operator's decision and posts what it means: the outstanding amount leaves
    /// the courier's account for the bank (settle) or for adjustments (write-off), the courier's fee for fees.
    /// </summary>
    public async Task ResolveAsync(Discrepancy discrepancy, string action, string? reference, string? note, string by, CancellationToken ct)
    {
        var target = action == Resolutions.Settle ? Accounts.Bank : Accounts.Adjustments;
        var outstanding = discrepancy.OutstandingMad;
        await PostAsync(JournalEntry.Create($"resolved:{discrepancy.Id}", action,
            $"Discrepancy {discrepancy.Kind} on {discrepancy.TrackingNumber}: {action}", clock.GetUtcNow(),
            (target, outstanding - discrepancy.FeeMad), (Accounts.DeliveryFees, discrepancy.FeeMad), (Accounts.CourierCash, -outstanding)), ct);
        discrepancy.ResolvedAt = clock.GetUtcNow();
        discrepancy.Resolution = action == Resolutions.Settle ? "settled" : "written-off";
        discrepancy.Reference = reference;
        discrepancy.Note = note;
        discrepancy.ResolvedBy = by;

        // A missing or overdue parcel is now accounted for: its other open discrepancies close with it.
        if (discrepancy.Kind is DiscrepancyKinds.MissingFromRemittance or DiscrepancyKinds.HeldTooLong
            && discrepancy.ShipmentId is { } shipmentId && await FindParcelAsync(shipmentId, ct) is { } parcel)
        {
            parcel.RemittedAt = clock.GetUtcNow();
            parcel.RemittedMad = action == Resolutions.Settle ? outstanding : 0m;
            await CloseParcelDiscrepanciesAsync(parcel, discrepancy.Resolution, discrepancy.Id, ct);
        }
    }
}
