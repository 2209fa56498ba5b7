using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Shipping;
using Tadamon.Settlement.Model;
using Tadamon.TestSupport;

namespace Tadamon.Settlement.Tests;

/// <summary>Shipping's and orders' events, through the real broker, become ledger entries: once each, reversed on return.</summary>
public sealed class CashPostingTests(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    private async Task<(Guid Order, Guid Shipment, string Tracking)> BookedAsync(Guid cooperativeId, decimal total)
    {
        var (order, shipment, tracking) = (Guid.CreateVersion7(), Guid.CreateVersion7(), $"T{Guid.NewGuid():N}"[..14]);
        await settlement.ReadyAsync();
        await settlement.Bus.Publish(SettlementFactory.Confirmed(order, cooperativeId, total));
        await settlement.Bus.Publish(SettlementFactory.Booked(shipment, order, tracking));
        return (order, shipment, tracking);
    }

    private Task<int> EntriesAsync(string source) => settlement.InScopeAsync(db => db.Entries.CountAsync(e => e.SourceId == source));

    [Fact]
    public async Task When_cash_is_collected_twice_Should_post_it_once_and_owe_the_cooperative_the_whole_total()
    {
        var cooperative = Guid.NewGuid();
        var (order, shipment, _) = await BookedAsync(cooperative, 349.00m);
        var collected = new CashCollected(shipment, order, 349.00m);

        await settlement.Bus.Publish(collected);
        await settlement.Bus.Publish(collected); // the same event redelivered
        await settlement.Bus.Publish(new CashCollected(shipment, order, 349.00m)); // the courier's news sent twice: another event
        await Eventually.TrueAsync(async () => await EntriesAsync($"collected:{shipment}") == 1, "the collection to be posted");
        await Task.Delay(1000);

        Assert.Equal(1, await EntriesAsync($"collected:{shipment}"));
        // Agency pays the fee (the default): the cooperative is owed all 349.00.
        Assert.Equal(-349.00m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_cash_arrives_before_the_booking_Should_wait_for_it_then_post()
    {
        var cooperative = Guid.NewGuid();
        var (order, shipment) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await settlement.ReadyAsync();

        await settlement.Bus.Publish(new CashCollected(shipment, order, 120.00m));
        await Task.Delay(500);
        Assert.Equal(0, await EntriesAsync($"collected:{shipment}"));
        await settlement.Bus.Publish(SettlementFactory.Confirmed(order, cooperative, 120.00m));
        await settlement.Bus.Publish(SettlementFactory.Booked(shipment, order, $"E{Guid.NewGuid():N}"[..14]));

        await Eventually.TrueAsync(async () => await EntriesAsync($"collected:{shipment}") == 1, "the deferred collection to be posted", TimeSpan.FromSeconds(45));
        Assert.Equal(-120.00m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
    }

    [Fact]
    public async Task When_a_parcel_is_returned_after_its_cash_was_recorded_Should_reverse_the_collection()
    {
        var cooperative = Guid.NewGuid();
        var (order, shipment, _) = await BookedAsync(cooperative, 80.00m);
        await settlement.Bus.Publish(new CashCollected(shipment, order, 80.00m));
        await Eventually.TrueAsync(async () => await EntriesAsync($"collected:{shipment}") == 1, "the collection to be posted");

        await settlement.Bus.Publish(new ShipmentReturned(shipment, order));
        await settlement.Bus.Publish(new ShipmentReturned(shipment, order));

        await Eventually.TrueAsync(async () => await EntriesAsync($"returned:{shipment}") == 1, "the reversal to be posted");
        await Task.Delay(500);
        Assert.Equal(1, await EntriesAsync($"returned:{shipment}"));
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_a_delivery_fails_and_the_parcel_returns_Should_owe_nothing()
    {
        var cooperative = Guid.NewGuid();
        var (order, shipment, _) = await BookedAsync(cooperative, 60.00m);

        await settlement.Bus.Publish(new ShipmentReturned(shipment, order));

        await Eventually.TrueAsync(() => settlement.InScopeAsync(async db => (await db.Parcels.AsNoTracking().FirstOrDefaultAsync(p => p.ShipmentId == shipment))?.ReturnedAt is not null),
            "the return to be recorded");
        Assert.Equal(0, await settlement.InScopeAsync(db => db.Entries.CountAsync(e => e.SourceId.EndsWith(shipment.ToString()))));
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
    }
}

/// <summary>The fee model: when the cooperative bears the fee, it is owed the cash less the fee.</summary>
public sealed class CooperativePaysFeeTests(CooperativePaysFeeFactory settlement) : IClassFixture<CooperativePaysFeeFactory>
{
    [Fact]
    public async Task When_the_cooperative_pays_the_fee_Should_owe_it_the_total_less_the_fee_and_cost_the_agency_nothing()
    {
        var cooperative = Guid.NewGuid();
        var tracking = await settlement.CollectedAsync(cooperative, 200.00m);

        Assert.Equal(-170.00m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
        var response = await settlement.RemitAsync(SettlementFactory.Statement("VIR-FEE-1", DateTimeOffset.UtcNow, (tracking, 200.00m, 30.00m)));
        response.EnsureSuccessStatusCode();

        // The fee credited at collection is debited when the courier withholds it: the agency's delivery cost nets to zero.
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.DeliveryFees));
        Assert.Equal(170.00m, await settlement.BalanceAsync(Accounts.Bank));
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.CourierCash));
        await settlement.AssertLedgerHoldsAsync();
    }
}
