using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Apis;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Tests;

/// <summary>Payout batches: one payout per cooperative owed money, never paid twice, each cooperative seeing only its own.</summary>
public sealed class PayoutTests(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    // Each test pays its own period, far enough apart that their parcels never mix.
    private static DateTimeOffset Day(int daysAgo) => DateTimeOffset.UtcNow.AddDays(-daysAgo);
    private static DateOnly DateOf(DateTimeOffset at) => MoroccoTime.DateOf(at);

    private async Task<PayoutsApi.BatchResponse> RunAsync(DateOnly periodEnd, HttpStatusCode expected)
    {
        var response = await settlement.Operator.PostAsJsonAsync("/payouts/batches", new { periodEnd });
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PayoutsApi.BatchResponse>())!;
    }

    [Fact]
    public async Task When_the_operator_runs_a_period_twice_Should_pay_each_cooperative_its_net_once()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await settlement.CollectedAsync(first, 100.00m, Day(40));
        await settlement.CollectedAsync(first, 60.00m, Day(40));
        await settlement.CollectedAsync(second, 75.50m, Day(40));
        var later = await settlement.CollectedAsync(second, 20.00m, Day(1)); // after the period: the next payout's

        var batch = await RunAsync(DateOf(Day(39)), HttpStatusCode.Created);
        var again = await RunAsync(DateOf(Day(39)), HttpStatusCode.OK);

        Assert.Equal(batch.Id, again.Id);
        var mine = batch.Payouts.Where(p => p.CooperativeId == first || p.CooperativeId == second).OrderBy(p => p.AmountMad).ToList();
        Assert.Equal([(second, 75.50m, 1), (first, 160.00m, 2)], mine.Select(p => (p.CooperativeId, p.AmountMad, p.ParcelCount)));
        Assert.Equal(1, await settlement.InScopeAsync(db => db.Parcels.CountAsync(p => p.TrackingNumber == later && p.PayoutId == null)));
    }

    [Fact]
    public async Task When_a_payout_is_recorded_paid_twice_Should_post_it_once_and_refuse_another_transfer()
    {
        var cooperative = Guid.NewGuid();
        await settlement.CollectedAsync(cooperative, 210.00m, Day(60));
        var payout = (await RunAsync(DateOf(Day(59)), HttpStatusCode.Created)).Payouts.Single(p => p.CooperativeId == cooperative);
        var bank = await settlement.BalanceAsync(Accounts.Bank);

        var paid = await settlement.Operator.PostAsJsonAsync($"/payouts/{payout.Id}/paid", new { transferReference = "CIH-2026-0001" });
        var same = await settlement.Operator.PostAsJsonAsync($"/payouts/{payout.Id}/paid", new { transferReference = "CIH-2026-0001" });
        var other = await settlement.Operator.PostAsJsonAsync($"/payouts/{payout.Id}/paid", new { transferReference = "CIH-2026-0002" });
        var blank = await settlement.Operator.PostAsJsonAsync($"/payouts/{payout.Id}/paid", new { transferReference = "" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.BadRequest),
            (paid.StatusCode, same.StatusCode, other.StatusCode, blank.StatusCode));
        Assert.Equal(bank - 210.00m, await settlement.BalanceAsync(Accounts.Bank));
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative)));
        Assert.Equal(1, await settlement.InScopeAsync(db => db.Entries.CountAsync(e => e.SourceId == $"payout:{payout.Id}")));
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_a_manager_reads_payouts_Should_see_only_their_cooperatives_statements()
    {
        var (mine, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var tracking = await settlement.CollectedAsync(mine, 130.00m, Day(80));
        await settlement.CollectedAsync(theirs, 99.00m, Day(80));
        var batch = await RunAsync(DateOf(Day(79)), HttpStatusCode.Created);
        var myPayout = batch.Payouts.Single(p => p.CooperativeId == mine);
        var theirPayout = batch.Payouts.Single(p => p.CooperativeId == theirs);
        var manager = settlement.As(Roles.CooperativeManager, "manager-mine", mine);

        var list = await manager.GetFromJsonAsync<Page<PayoutsApi.PayoutResponse>>("/payouts");
        var statement = await manager.GetFromJsonAsync<PayoutsApi.PayoutResponse>($"/payouts/{myPayout.Id}");
        var csv = await manager.GetStringAsync($"/payouts/{myPayout.Id}/statement.csv");
        var balance = await manager.GetAsync($"/cooperatives/{mine}/balance");

        Assert.Equal([myPayout.Id], list!.Items.Select(p => p.Id));
        Assert.Equal((tracking, 130.00m, 0m, 130.00m), statement!.Lines!.Select(l => (l.TrackingNumber, l.GrossMad, l.FeeMad, l.NetMad)).Single());
        Assert.Contains($",{tracking},", csv);
        Assert.Contains("total,,,130.00,0.00,130.00", csv);
        Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/payouts/{theirPayout.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/payouts/{theirPayout.Id}/statement.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/payouts?cooperativeId={theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/cooperatives/{theirs}/balance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/payouts/{myPayout.Id}/paid", new { transferReference = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/payouts/batches", new { })).StatusCode);
    }

    [Fact]
    public async Task When_a_paid_parcel_comes_back_Should_take_its_net_back_from_a_later_payout_once()
    {
        var cooperative = Guid.NewGuid();
        var sold = await settlement.CollectedAsync(cooperative, 200.00m, Day(150));
        var first = (await RunAsync(DateOf(Day(149)), HttpStatusCode.Created)).Payouts.Single(p => p.CooperativeId == cooperative);
        var shipment = await settlement.InScopeAsync(db => db.Parcels.Where(p => p.TrackingNumber == sold).Select(p => p.ShipmentId).SingleAsync());
        await settlement.BookAsync(b => b.RecordReturnAsync(shipment, Day(148), default));

        // The next period sells less than came back: nothing is paid, the difference waits.
        var small = await settlement.CollectedAsync(cooperative, 50.00m, Day(147));
        var lean = await RunAsync(DateOf(Day(146)), HttpStatusCode.Created);
        // Then enough is sold: the payout is the new nets less the returned one, and its statement says so.
        var large = await settlement.CollectedAsync(cooperative, 300.00m, Day(145));
        var third = (await RunAsync(DateOf(Day(144)), HttpStatusCode.Created)).Payouts.Single(p => p.CooperativeId == cooperative);
        var fourth = await RunAsync(DateOf(Day(143)), HttpStatusCode.Created);
        var statement = await settlement.Operator.GetFromJsonAsync<PayoutsApi.PayoutResponse>($"/payouts/{third.Id}");
        var csv = await settlement.Operator.GetStringAsync($"/payouts/{third.Id}/statement.csv");

        Assert.DoesNotContain(lean.Payouts, p => p.CooperativeId == cooperative);
        Assert.DoesNotContain(fourth.Payouts, p => p.CooperativeId == cooperative); // taken back once, not again
        Assert.Equal((200.00m, 150.00m, 2), (third.ClawbacksMad, third.AmountMad, third.ParcelCount));
        Assert.Equal([(small, 50.00m, false), (large, 300.00m, false), (sold, -200.00m, true)],
            statement!.Lines!.Select(l => (l.TrackingNumber, l.NetMad, l.ReturnedAfterPayout)));
        Assert.Contains($",{sold},", csv);
        Assert.Contains("total,,,150.00,0.00,150.00,", csv);
        foreach (var (payout, reference) in new[] { (first, "CIH-2026-0100"), (third, "CIH-2026-0101") })
        {
            (await settlement.Operator.PostAsJsonAsync($"/payouts/{payout.Id}/paid", new { transferReference = reference })).EnsureSuccessStatusCode();
        }
        Assert.Equal(0m, await settlement.BalanceAsync(Accounts.Cooperative(cooperative))); // paid exactly what is owed
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_a_period_ends_in_the_future_or_is_not_given_Should_refuse_it_and_make_no_batch()
    {
        var future = await settlement.Operator.PostAsJsonAsync("/payouts/batches", new { periodEnd = DateOf(Day(-3)) });
        var none = await settlement.Operator.PostAsJsonAsync("/payouts/batches", new { });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (future.StatusCode, none.StatusCode));
        var today = MoroccoTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(0, await settlement.InScopeAsync(db => db.PayoutBatches.CountAsync(b => b.PeriodEnd > today)));
    }
}
