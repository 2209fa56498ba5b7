using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Contracts.Settlement;
using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Ledger;

/// <summary>
/// Every way money moves in settlement: the parcels' cash (here), the courier's remittances
/// (<c>SettlementBook.Reconciliation.cs</c>) and the operators' decisions on discrepancies. Each step posts through
/// <see cref="PostAsync"/>, once per source. Nothing is saved here: the caller (a consumer or an endpoint) saves
/// once, in its transaction.
/// </summary>
public sealed partial class SettlementBook(SettlementDbContext db, IOptions<SettlementOptions> options, TimeProvider clock)
{
    private SettlementOptions Options => options.Value;

    /// <summary>An order confirmed by orders: whose it is and what the buyer will pay. Written once.</summary>
    public async Task RecordOrderAsync(Guid orderId, Guid cooperativeId, decimal totalMad, CancellationToken ct, DateTimeOffset? confirmedAt = null)
    {
        if (db.Orders.Local.Any(o => o.OrderId == orderId) || await db.Orders.AnyAsync(o => o.OrderId == orderId, ct)) return;
        db.Orders.Add(new OrderCopy { OrderId = orderId, CooperativeId = cooperativeId, TotalMad = totalMad, ConfirmedAt = confirmedAt });
    }

    /// <summary>The courier booked the order's parcel: from now on its tracking number names it.</summary>
    public async Task RecordBookingAsync(Guid shipmentId, Guid orderId, string trackingNumber, CancellationToken ct)
    {
        if (await FindParcelAsync(shipmentId, ct) is not null) return;
        db.Parcels.Add(new Parcel { ShipmentId = shipmentId, OrderId = orderId, TrackingNumber = trackingNumber });
    }

    /// <summary>
    /// The courier collected the cash: it holds it for us, and the cooperative is owed its share. A returned parcel
    /// is reversed at once; a remittance line that arrived before this news is matched now.
    /// </summary>
    public async Task RecordCashCollectedAsync(Guid shipmentId, Guid orderId, decimal amountMad, DateTimeOffset collectedAt, CancellationToken ct)
    {
        await db.LockReconciliationAsync(ct);
        var parcel = await FindParcelAsync(shipmentId, ct)
            ?? throw new MessageNotReadyException($"Shipment {shipmentId} is not known yet (its booking has not arrived).");
        var order = await db.Orders.FindAsync([orderId], ct)
            ?? throw new MessageNotReadyException($"Order {orderId} is not known yet (its confirmation has not arrived).");
        if (parcel.IsCollected) return;

        parcel.CooperativeId = order.CooperativeId;
        parcel.CollectedMad = amountMad;
        parcel.FeeMad = Options.DeliveryFeeMad;
        parcel.NetMad = Options.FeePaidBy == FeePaidBy.Agency ? amountMad : amountMad - Options.DeliveryFeeMad;
        parcel.CollectedAt = collectedAt;
        await PostAsync(JournalEntry.Create($"collected:{shipmentId}", "cash-collected",
            $"Cash collected for parcel {parcel.TrackingNumber}", clock.GetUtcNow(), CollectionLines(parcel)), ct);
        if (parcel.ReturnedAt is not null) await ReverseCollectionAsync(parcel, ct);
        await MatchEarlyLinesAsync(parcel, ct);
    }

    /// <summary>The parcel came back to its cooperative: nothing is owed for it, and cash already recorded is reversed.</summary>
    public async Task RecordReturnAsync(Guid shipmentId, DateTimeOffset returnedAt, CancellationToken ct)
    {
        await db.LockReconciliationAsync(ct);
        var parcel = await FindParcelAsync(shipmentId, ct)
            ?? throw new MessageNotReadyException($"Shipment {shipmentId} is not known yet (its booking has not arrived).");
        if (parcel.ReturnedAt is not null) return;
        parcel.ReturnedAt = returnedAt;
        if (parcel.IsCollected) await ReverseCollectionAsync(parcel, ct);
    }

    /// <summary>
    /// The courier holds the whole cash; the cooperative is owed its net; when the fee is the cooperative's (or the
    /// buyer's, inside the same cash) the fee account is credited now and debited when the courier withholds it.
    /// </summary>
    private static (string, decimal)[] CollectionLines(Parcel parcel) =>
    [
        (Accounts.CourierCash, parcel.CollectedMad!.Value),
        (Accounts.Cooperative(parcel.CooperativeId!.Value), -parcel.NetMad),
        (Accounts.DeliveryFees, -(parcel.CollectedMad.Value - parcel.NetMad)),
    ];

    private async Task ReverseCollectionAsync(Parcel parcel, CancellationToken ct)
    {
        var lines = CollectionLines(parcel).Select(l => (l.Item1, -l.Item2)).ToArray();
        await PostAsync(JournalEntry.Create($"returned:{parcel.ShipmentId}", "reversal",
            $"Parcel {parcel.TrackingNumber} returned: its cash collection is reversed", clock.GetUtcNow(), lines), ct);
        await CloseParcelDiscrepanciesAsync(parcel, "returned", null, ct);
    }

    /// <summary>Adds the entry unless its source has been posted already (by this unit of work or before).</summary>
    private async Task<bool> PostAsync(JournalEntry entry, CancellationToken ct)
    {
        if (db.Entries.Local.Any(e => e.SourceId == entry.SourceId) || await db.Entries.AnyAsync(e => e.SourceId == entry.SourceId, ct))
            return false;
        db.Entries.Add(entry);
        return true;
    }

    private async Task<Parcel?> FindParcelAsync(Guid shipmentId, CancellationToken ct) => await db.Parcels.FindAsync([shipmentId], ct);

    private async Task OpenAsync(Discrepancy discrepancy, CancellationToken ct)
    {
        if (db.Discrepancies.Local.Any(d => d.Kind == discrepancy.Kind && d.Subject == discrepancy.Subject)
            || await db.Discrepancies.AnyAsync(d => d.Kind == discrepancy.Kind && d.Subject == discrepancy.Subject, ct)) return;
        db.Discrepancies.Add(discrepancy);
        db.AddIntegrationEvent(new DiscrepancyOpened(discrepancy.Id, discrepancy.Kind, discrepancy.TrackingNumber, discrepancy.OutstandingMad));
    }

    /// <summary>Closes what was open about a parcel whose cash is now accounted for (remitted, settled, returned).</summary>
    private async Task CloseParcelDiscrepanciesAsync(Parcel parcel, string resolution, Guid? except, CancellationToken ct)
    {
        var subject = parcel.ShipmentId.ToString();
        var open = await db.Discrepancies.Where(d => d.Subject == subject && d.ResolvedAt == null).ToListAsync(ct);
        foreach (var d in open.Concat(db.Discrepancies.Local.Where(d => d.Subject == subject && d.ResolvedAt == null)).Distinct())
        {
            if (d.Id == except) continue;
            d.ResolvedAt = clock.GetUtcNow();
            d.Resolution = resolution;
            d.ResolvedBy = "system";
        }
    }
}
