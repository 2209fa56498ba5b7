using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Settlement;
using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Ledger;

/// <summary>
/// The period's payouts: each cooperative is paid the nets of its parcels collected by the end of the period
/// (Casablanca time) that no earlier payout covered, less the nets of paid parcels that came back since. A parcel
/// belongs to one payout at most and is taken back by one at most, so nothing is paid or deducted twice; a cooperative
/// whose returns outweigh its sales is paid nothing this period and carries the difference to the next.
/// </summary>
public sealed class PayoutRuns(SettlementDbContext db, TimeProvider clock)
{
    /// <summary>The batch for <paramref name="periodEnd"/>, made now or found made before (<c>Created</c> false).</summary>
    public async Task<(PayoutBatch Batch, bool Created)> RunAsync(DateOnly periodEnd, string by, CancellationToken ct)
    {
        await db.LockReconciliationAsync(ct);
        if (await db.PayoutBatches.Include(b => b.Payouts).FirstOrDefaultAsync(b => b.PeriodEnd == periodEnd, ct) is { } existing)
            return (existing, false);

        var cutoff = MoroccoTime.At(periodEnd.AddDays(1), TimeOnly.MinValue);
        var parcels = await db.Parcels
            .Where(p => p.CollectedAt != null && p.CollectedAt < cutoff && p.ReturnedAt == null && p.PayoutId == null && p.CooperativeId != null)
            .ToListAsync(ct);
        var clawbacks = (await db.Parcels
            .Where(p => p.ReturnedAt != null && p.ReturnedAt < cutoff && p.PayoutId != null && p.ClawbackPayoutId == null && p.CooperativeId != null)
            .ToListAsync(ct)).ToLookup(p => p.CooperativeId!.Value);
        var batch = new PayoutBatch { PeriodEnd = periodEnd, CreatedAt = clock.GetUtcNow(), CreatedBy = by };
        foreach (var group in parcels.GroupBy(p => p.CooperativeId!.Value).OrderBy(g => g.Key))
        {
            var returned = clawbacks[group.Key].ToList();
            var clawedBack = returned.Sum(p => p.NetMad);
            var net = group.Sum(p => p.NetMad) - clawedBack;
            if (net <= 0m) continue;
            var payout = new Payout
            {
                BatchId = batch.Id, CooperativeId = group.Key, PeriodEnd = periodEnd, ParcelCount = group.Count(),
                GrossMad = group.Sum(p => p.CollectedMad!.Value), FeesMad = group.Sum(p => p.CollectedMad!.Value - p.NetMad),
                ClawbacksMad = clawedBack, AmountMad = net,
            };
            foreach (var parcel in group) parcel.PayoutId = payout.Id;
            foreach (var parcel in returned) parcel.ClawbackPayoutId = payout.Id;
            batch.Payouts.Add(payout);
        }
        db.PayoutBatches.Add(batch);
        return (batch, true);
    }

    /// <summary>
    /// Records the bank transfer that paid <paramref name="payout"/>: the cooperative's balance goes down by the
    /// amount, so does the bank. Paid once; the same reference again changes nothing (<c>false</c>).
    /// </summary>
    public bool MarkPaid(Payout payout, string transferReference)
    {
        if (payout.Status == PayoutStatus.Paid) return false;
        var now = clock.GetUtcNow();
        db.Entries.Add(JournalEntry.Create($"payout:{payout.Id}", "payout", $"Payout {payout.PeriodEnd:yyyy-MM-dd} to cooperative {payout.CooperativeId}",
            now, (Accounts.Cooperative(payout.CooperativeId), payout.AmountMad), (Accounts.Bank, -payout.AmountMad)));
        payout.Status = PayoutStatus.Paid;
        payout.TransferReference = transferReference;
        payout.PaidAt = now;
        db.AddIntegrationEvent(new PayoutPaid(payout.Id, payout.BatchId, payout.CooperativeId, payout.AmountMad, transferReference));
        return true;
    }
}
