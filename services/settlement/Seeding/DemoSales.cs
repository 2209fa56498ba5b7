using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Seeding;

/// <summary>
/// A year of delivered sales for the demo market's sellers (catalog's demo cooperatives, by their stable ids), so the
/// impact page has figures on a first start. Each sale goes through the book as the events would take it (order
/// confirmed, parcel booked, cash collected), and each month's cash through a reconciled remittance, so the ledger
/// balances and no demo parcel looks held by the courier. The programme's members sell a little more after their
/// support; the numbers are invented, but the same on every machine. A ledger with any order is left alone.
/// </summary>
public static class DemoSales
{
    /// <summary>Catalog's demo Tathmine members (see its DemoProgramme) and the month of their latest support, counted back.</summary>
    private static readonly Dictionary<int, int> SupportedMonthsAgo = new() { [1] = 6, [3] = 4, [4] = 5, [5] = 3, [8] = 7, [9] = 6, [10] = 5, [18] = 3, [24] = 4, [30] = 6 };
    private const int DemoCooperatives = 30;
    private static readonly decimal[] Prices = [85.00m, 120.00m, 180.00m, 260.00m, 320.00m, 450.00m];

    public static async Task SeedAsync(SettlementDbContext db, IOptions<SettlementOptions> options, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        if (await db.Orders.AnyAsync(ct)) return;

        var book = new SettlementBook(db, options, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var parcelsByMonth = new SortedDictionary<DateTimeOffset, List<(string Tracking, decimal Amount)>>();
        for (var number = 1; number <= DemoCooperatives; number++)
        {
            var cooperative = DemoIds.Of($"cooperative:{number}");
            var random = new Random(number);
            for (var monthsAgo = 11; monthsAgo >= 0; monthsAgo--)
            {
                var month = thisMonth.AddMonths(-monthsAgo);
                var sales = 1 + random.Next(2) + (SupportedMonthsAgo.TryGetValue(number, out var supported) && monthsAgo < supported ? 2 : 0);
                for (var i = 0; i < sales; i++)
                {
                    var confirmed = month.AddDays(random.Next(25)).AddHours(9 + random.Next(8));
                    var collected = confirmed.AddDays(2 + random.Next(3));
                    if (collected > now.AddHours(-1)) continue;
                    var amount = Prices[random.Next(Prices.Length)] * (1 + random.Next(2));
                    var (order, shipment) = (DemoIds.Of($"sale:{number}:{monthsAgo}:{i}"), DemoIds.Of($"parcel:{number}:{monthsAgo}:{i}"));
                    var tracking = $"DEMO{number:D2}{monthsAgo:D2}{i:D2}";
                    await book.RecordOrderAsync(order, cooperative, amount, ct, confirmed);
                    await book.RecordBookingAsync(shipment, order, tracking, ct);
                    await book.RecordCashCollectedAsync(shipment, order, amount, collected, ct);
                    var key = new DateTimeOffset(collected.Year, collected.Month, 1, 0, 0, 0, TimeSpan.Zero);
                    if (!parcelsByMonth.TryGetValue(key, out var list)) parcelsByMonth[key] = list = [];
                    list.Add((tracking, amount));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // The courier remitted each month's cash; the last statement covers everything collected until now.
        foreach (var (month, parcels) in parcelsByMonth)
        {
            var until = month.AddMonths(1) > now ? now : month.AddMonths(1).AddTicks(-1);
            var remittance = new Remittance
            {
                WebhookId = $"demo-{month:yyyy-MM}", TransferReference = $"VIR-DEMO-{month:yyyyMM}", CollectedUntil = until, ReceivedAt = until,
                TransferredMad = parcels.Sum(p => p.Amount - options.Value.DeliveryFeeMad),
            };
            remittance.Lines.AddRange(parcels.Select(p => new RemittanceLine
            {
                RemittanceId = remittance.Id, TrackingNumber = p.Tracking, AmountMad = p.Amount, FeeMad = options.Value.DeliveryFeeMad,
            }));
            await book.ReconcileAsync(remittance, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private const long SeedLockKey = 0x7461646d_73616c65; // "tadmsale"
}
