using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Ledger;

public sealed partial class SettlementBook
{
    /// <summary>
    /// Reconciles a remittance statement. Every line's money reached the bank, so every line is posted (courier
    /// cash → bank, the withheld fee → fees); then each line is matched to a collected parcel or opens a
    /// discrepancy (unknown parcel, remitted twice, amount differs). Parcels the courier collected by
    /// <see cref="Remittance.CollectedUntil"/> and still holds are missing from it. A statement whose webhook id was
    /// received before changes nothing (<c>false</c>).
    /// </summary>
    public async Task<bool> ReconcileAsync(Remittance remittance, CancellationToken ct)
    {
        await db.LockReconciliationAsync(ct);
        if (await db.Remittances.AnyAsync(r => r.WebhookId == remittance.WebhookId, ct)) return false;
        db.Remittances.Add(remittance);
        var now = clock.GetUtcNow();
        var trackingNumbers = remittance.Lines.Select(l => l.TrackingNumber).Distinct().ToList();
        var parcels = (await db.Parcels.Where(p => trackingNumbers.Contains(p.TrackingNumber)).ToListAsync(ct))
            .GroupBy(p => p.TrackingNumber).ToDictionary(g => g.Key, g => g.First());

        foreach (var line in remittance.Lines)
        {
            await PostAsync(JournalEntry.Create($"remitted:{line.Id}", "remittance",
                $"Remittance {remittance.TransferReference}: parcel {line.TrackingNumber}", now,
                (Accounts.Bank, line.AmountMad - line.FeeMad), (Accounts.DeliveryFees, line.FeeMad), (Accounts.CourierCash, -line.AmountMad)), ct);
            parcels.TryGetValue(line.TrackingNumber, out var parcel);
            await MatchAsync(line, parcel, remittance.Id, ct);
        }

        var missing = await db.Parcels
            .Where(p => p.CollectedAt != null && p.CollectedAt <= remittance.CollectedUntil && p.ReturnedAt == null && p.RemittedAt == null)
            .ToListAsync(ct);
        foreach (var parcel in missing.Where(p => p.RemittedAt is null))
        {
            await OpenAsync(ForParcel(DiscrepancyKinds.MissingFromRemittance, parcel, remittance.Id), ct);
        }
        return true;
    }

    /// <summary>Decides one line against what we know of its parcel (null: never booked).</summary>
    private async Task MatchAsync(RemittanceLine line, Parcel? parcel, Guid remittanceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (parcel is null || !parcel.IsCollected || parcel.ReturnedAt is not null)
        {
            // Nothing to remit for it (yet): if its cash collection arrives late, MatchEarlyLinesAsync matches it then.
            line.Outcome = LineOutcome.UnknownParcel;
            await OpenAsync(ForLine(DiscrepancyKinds.UnknownParcel, line, parcel, remittanceId, expected: 0m, outstanding: -line.AmountMad, fee: -line.FeeMad), ct);
            return;
        }
        if (parcel.RemittedAt is not null)
        {
            line.Outcome = LineOutcome.RemittedTwice;
            await OpenAsync(ForLine(DiscrepancyKinds.RemittedTwice, line, parcel, remittanceId, expected: 0m, outstanding: -line.AmountMad, fee: -line.FeeMad), ct);
            return;
        }
        parcel.RemittedAt = now;
        parcel.RemittedMad = line.AmountMad;
        await CloseParcelDiscrepanciesAsync(parcel, "remitted", null, ct);
        if (line.AmountMad != parcel.CollectedMad)
        {
            line.Outcome = LineOutcome.AmountMismatch;
            await OpenAsync(ForLine(DiscrepancyKinds.AmountMismatch, line, parcel, remittanceId, expected: parcel.CollectedMad!.Value,
                outstanding: parcel.CollectedMad.Value - line.AmountMad, fee: 0m), ct);
            return;
        }
        line.Outcome = LineOutcome.Matched;
    }

    /// <summary>
    /// A parcel's cash was recorded after a remittance listed it: the unknown-parcel discrepancy that line opened
    /// closes, and the line is matched as if it had come after.
    /// </summary>
    private async Task MatchEarlyLinesAsync(Parcel parcel, CancellationToken ct)
    {
        var early = await db.Discrepancies
            .Where(d => d.Kind == DiscrepancyKinds.UnknownParcel && d.TrackingNumber == parcel.TrackingNumber && d.ResolvedAt == null)
            .OrderBy(d => d.OpenedAt).ThenBy(d => d.Id).ToListAsync(ct);
        foreach (var discrepancy in early)
        {
            if (!Guid.TryParse(discrepancy.Subject, out var lineId)) continue;
            var line = await db.RemittanceLines.FindAsync([lineId], ct);
            if (line is null) continue;
            discrepancy.ResolvedAt = clock.GetUtcNow();
            discrepancy.Resolution = "collected";
            discrepancy.ResolvedBy = "system";
            await MatchAsync(line, parcel, line.RemittanceId, ct);
        }
    }

    /// <summary>Opens a held-too-long discrepancy for each parcel whose cash the courier has kept beyond the limit.</summary>
    public async Task<int> FlagOverdueAsync(CancellationToken ct)
    {
        await db.LockReconciliationAsync(ct);
        var before = clock.GetUtcNow() - Options.CashHoldLimit;
        var overdue = await db.Parcels
            .Where(p => p.CollectedAt != null && p.CollectedAt < before && p.ReturnedAt == null && p.RemittedAt == null)
            .Where(p => !db.Discrepancies.Any(d => d.Kind == DiscrepancyKinds.HeldTooLong && d.Subject == p.ShipmentId.ToString()))
            .Take(500).ToListAsync(ct);
        foreach (var parcel in overdue) await OpenAsync(ForParcel(DiscrepancyKinds.HeldTooLong, parcel, null), ct);
        return overdue.Count;
    }

    private Discrepancy ForLine(string kind, RemittanceLine line, Parcel? parcel, Guid remittanceId, decimal expected, decimal outstanding, decimal fee) => new()
    {
        Kind = kind, Subject = line.Id.ToString(), TrackingNumber = line.TrackingNumber, ShipmentId = parcel?.ShipmentId,
        RemittanceId = remittanceId, ExpectedMad = expected, RemittedMad = line.AmountMad, OutstandingMad = outstanding, FeeMad = fee,
        OpenedAt = clock.GetUtcNow(),
    };

    private Discrepancy ForParcel(string kind, Parcel parcel, Guid? remittanceId) => new()
    {
        Kind = kind, Subject = parcel.ShipmentId.ToString(), TrackingNumber = parcel.TrackingNumber, ShipmentId = parcel.ShipmentId,
        RemittanceId = remittanceId, ExpectedMad = parcel.CollectedMad ?? 0m, RemittedMad = 0m,
        OutstandingMad = parcel.CollectedMad ?? 0m, FeeMad = parcel.FeeMad, OpenedAt = clock.GetUtcNow(),
    };
}
