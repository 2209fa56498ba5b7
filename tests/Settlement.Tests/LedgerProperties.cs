using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Tests;

/// <summary>
/// Any mix of orders, bookings, cash collected, returns and remittance statements (right, wrong, twice, unknown
/// parcels), applied in their natural order and then shuffled with copies (an event not ready yet goes to the back
/// of the queue, as a deferred message does), gives the same balances, on the real database; and after each run
/// the ledger sums to zero with every maintained balance equal to the sum of its lines.
/// </summary>
public sealed class LedgerProperties(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    public enum Remit { No, Right, Wrong, Twice }

    public sealed record ParcelCase(byte Cents, bool SecondCooperative, bool Collected, bool Returned, Remit Remit);

    private static readonly Guid[] Cooperatives = [Guid.Parse("0193b000-0000-7000-8000-000000000001"), Guid.Parse("0193b000-0000-7000-8000-000000000002")];

    [Property(MaxTest = 25, EndSize = 8)]
    public void Shuffled_and_duplicated_events_Should_give_the_same_balances(ParcelCase[] parcels, bool unknownLine, int seed)
    {
        var events = EventsFor(parcels ?? [], unknownLine);
        var inOrder = RunAsync(events).GetAwaiter().GetResult();

        var random = new Random(seed);
        var shuffled = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
        var mixed = RunAsync(shuffled).GetAwaiter().GetResult();

        Assert.Equal(inOrder, mixed);
    }

    /// <summary>Everything that happens to the parcels, in the order it would happen.</summary>
    private static List<Func<SettlementBook, Task<bool>>> EventsFor(ParcelCase[] parcels, bool unknownLine)
    {
        var events = new List<Func<SettlementBook, Task<bool>>>();
        var first = new List<(string, decimal, decimal)>();
        var second = new List<(string, decimal, decimal)>();
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        for (var i = 0; i < parcels.Length; i++)
        {
            var p = parcels[i];
            var (order, shipment, tracking) = (Guid.CreateVersion7(), Guid.CreateVersion7(), $"PROP{i:D4}");
            var amount = 20.00m + p.Cents * 1.25m;
            var cooperative = Cooperatives[p.SecondCooperative ? 1 : 0];
            events.Add(b => Done(b.RecordOrderAsync(order, cooperative, amount, default)));
            events.Add(b => Done(b.RecordBookingAsync(shipment, order, tracking, default)));
            if (p.Collected) events.Add(b => Done(b.RecordCashCollectedAsync(shipment, order, amount, at, default)));
            if (p.Returned) events.Add(b => Done(b.RecordReturnAsync(shipment, at.AddMinutes(5), default)));
            if (p.Remit is Remit.Right or Remit.Twice) first.Add((tracking, amount, 30.00m));
            if (p.Remit is Remit.Wrong) first.Add((tracking, amount + 10.00m, 30.00m));
            if (p.Remit is Remit.Twice) second.Add((tracking, amount, 30.00m));
        }
        if (unknownLine) second.Add(("PROPUNKNOWN", 42.00m, 30.00m));
        if (first.Count > 0) events.Add(Statement("prop-statement-1", first, at.AddMinutes(30)));
        if (second.Count > 0) events.Add(Statement("prop-statement-2", second, at.AddMinutes(60)));
        return events;
    }

    private static async Task<bool> Done(Task step) { await step; return true; }

    private static Func<SettlementBook, Task<bool>> Statement(string webhookId, List<(string Tracking, decimal Amount, decimal Fee)> lines, DateTimeOffset until) =>
        book =>
        {
            // A new statement object each time, as each delivery of the webhook would be: the webhook id makes copies harmless.
            var remittance = new Remittance { WebhookId = webhookId, TransferReference = webhookId, CollectedUntil = until, ReceivedAt = until };
            remittance.Lines.AddRange(lines.Select(l => new RemittanceLine { RemittanceId = remittance.Id, TrackingNumber = l.Tracking, AmountMad = l.Amount, FeeMad = l.Fee }));
            return book.ReconcileAsync(remittance, default);
        };

    /// <summary>Applies the events on an empty ledger, each in its own transaction, and returns the non-zero balances.</summary>
    private async Task<string> RunAsync(IReadOnlyList<Func<SettlementBook, Task<bool>>> events)
    {
        await settlement.InScopeAsync(db => db.Database.ExecuteSqlRawAsync(
            "TRUNCATE journal_lines, journal_entries, ledger_accounts, remittance_lines, remittances, discrepancies, parcels, orders, payouts, payout_batches, outbox_messages"));
        var queue = new Queue<Func<SettlementBook, Task<bool>>>(events);
        var deferrals = 0;
        while (queue.TryDequeue(out var next))
        {
            await using var scope = settlement.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SettlementDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            try
            {
                await next(scope.ServiceProvider.GetRequiredService<SettlementBook>());
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            catch (MessageNotReadyException)
            {
                Assert.True(++deferrals < 10_000, "an event never became ready");
                queue.Enqueue(next);
            }
        }
        await settlement.AssertLedgerHoldsAsync();
        var balances = await settlement.InScopeAsync(db => db.Accounts.AsNoTracking().Where(a => a.BalanceMad != 0m).OrderBy(a => a.Code).ToListAsync());
        return string.Join("; ", balances.Select(a => $"{a.Code}={a.BalanceMad}"));
    }
}
