using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Apis;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Tests;

/// <summary>The courier's signed remittance statements, reconciled against the parcels' cash.</summary>
public sealed class RemittanceTests(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    private Task<List<Discrepancy>> DiscrepanciesOfAsync(params string[] tracking) =>
        settlement.InScopeAsync(db => db.Discrepancies.AsNoTracking().Where(d => tracking.Contains(d.TrackingNumber)).OrderBy(d => d.Kind).ToListAsync());

    [Fact]
    public async Task When_every_line_matches_Should_move_the_cash_from_the_courier_to_the_bank_less_the_fees()
    {
        var cooperative = Guid.NewGuid();
        var a = await settlement.CollectedAsync(cooperative, 100.00m);
        var b = await settlement.CollectedAsync(cooperative, 250.50m);
        var (bank, courier, fees) = (await settlement.BalanceAsync(Accounts.Bank), await settlement.BalanceAsync(Accounts.CourierCash), await settlement.BalanceAsync(Accounts.DeliveryFees));

        var response = await settlement.RemitAsync(SettlementFactory.Statement("VIR-OK-1", DateTimeOffset.UtcNow.AddMinutes(-10), (a, 100.00m, 30.00m), (b, 250.50m, 30.00m)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<RemittanceWebhooksApi.Reconciled>())!;
        Assert.Equal((2, 2, 0), (result.Lines, result.Matched, result.Discrepancies));
        Assert.Equal(bank + 290.50m, await settlement.BalanceAsync(Accounts.Bank));
        Assert.Equal(courier - 350.50m, await settlement.BalanceAsync(Accounts.CourierCash));
        Assert.Equal(fees + 60.00m, await settlement.BalanceAsync(Accounts.DeliveryFees));
        Assert.Empty(await DiscrepanciesOfAsync(a, b));
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_a_statement_has_a_wrong_amount_a_parcel_twice_an_unknown_one_and_forgets_one_Should_open_one_discrepancy_each()
    {
        var cooperative = Guid.NewGuid();
        var wrong = await settlement.CollectedAsync(cooperative, 300.00m);
        var twice = await settlement.CollectedAsync(cooperative, 90.00m);
        var forgotten = await settlement.CollectedAsync(cooperative, 45.00m);
        const string unknown = "NEVERCOLLECTED1";

        var response = await settlement.RemitAsync(SettlementFactory.Statement("VIR-BAD-1", DateTimeOffset.UtcNow,
            (wrong, 280.00m, 30.00m), (twice, 90.00m, 30.00m), (twice, 90.00m, 30.00m), (unknown, 50.00m, 30.00m)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await DiscrepanciesOfAsync(wrong, twice, forgotten, unknown);
        Assert.Equal([(DiscrepancyKinds.AmountMismatch, wrong, 20.00m), (DiscrepancyKinds.MissingFromRemittance, forgotten, 45.00m),
            (DiscrepancyKinds.RemittedTwice, twice, -90.00m), (DiscrepancyKinds.UnknownParcel, unknown, -50.00m)],
            found.Select(d => (d.Kind, d.TrackingNumber, d.OutstandingMad)));
        Assert.All(found, d => Assert.True(d.IsOpen));
        await settlement.AssertLedgerHoldsAsync();

        // Listed for the operator with what to do.
        var open = await settlement.Operator.GetFromJsonAsync<Page<DiscrepanciesApi.DiscrepancyResponse>>("/discrepancies?pageSize=100");
        Assert.Contains(open!.Items, d => d.TrackingNumber == wrong && d.AdviceFr.Length > 0 && d.AdviceAr.Length > 0);
    }

    [Fact]
    public async Task When_an_operator_settles_and_writes_off_Should_post_each_decision_once_and_leave_the_courier_owing_nothing()
    {
        var cooperative = Guid.NewGuid();
        var wrong = await settlement.CollectedAsync(cooperative, 300.00m);
        var forgotten = await settlement.CollectedAsync(cooperative, 45.00m);
        (await settlement.RemitAsync(SettlementFactory.Statement("VIR-RES-1", DateTimeOffset.UtcNow, (wrong, 280.00m, 30.00m)))).EnsureSuccessStatusCode();
        var found = await DiscrepanciesOfAsync(wrong, forgotten);
        var mismatch = found.Single(d => d.Kind == DiscrepancyKinds.AmountMismatch);
        var missing = found.Single(d => d.Kind == DiscrepancyKinds.MissingFromRemittance);
        var courier = await settlement.BalanceAsync(Accounts.CourierCash);
        var adjustments = await settlement.BalanceAsync(Accounts.Adjustments);

        var settled = await settlement.Operator.PostAsJsonAsync($"/discrepancies/{missing.Id}/resolve", new { action = "settle", transferReference = "VIR-RES-2" });
        var noNote = await settlement.Operator.PostAsJsonAsync($"/discrepancies/{mismatch.Id}/resolve", new { action = "write-off" });
        var writtenOff = await settlement.Operator.PostAsJsonAsync($"/discrepancies/{mismatch.Id}/resolve", new { action = "write-off", note = "Écart accepté par l'agence" });
        var again = await settlement.Operator.PostAsJsonAsync($"/discrepancies/{mismatch.Id}/resolve", new { action = "write-off", note = "encore" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict),
            (settled.StatusCode, noNote.StatusCode, writtenOff.StatusCode, again.StatusCode));
        Assert.Equal(courier - 45.00m - 20.00m, await settlement.BalanceAsync(Accounts.CourierCash));
        Assert.Equal(adjustments + 20.00m, await settlement.BalanceAsync(Accounts.Adjustments));
        Assert.Equal(1, await settlement.InScopeAsync(db => db.Entries.CountAsync(e => e.SourceId == $"resolved:{mismatch.Id}")));
        Assert.All(await DiscrepanciesOfAsync(wrong, forgotten), d => Assert.False(d.IsOpen));
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_the_forgotten_parcel_comes_in_the_next_statement_Should_close_its_discrepancy()
    {
        var forgotten = await settlement.CollectedAsync(Guid.NewGuid(), 75.00m);
        (await settlement.RemitAsync(SettlementFactory.Statement("VIR-LATE-1", DateTimeOffset.UtcNow, ("SOMETHINGELSE01", 10.00m, 0m)))).EnsureSuccessStatusCode();
        Assert.True((await DiscrepanciesOfAsync(forgotten)).Single().IsOpen);

        (await settlement.RemitAsync(SettlementFactory.Statement("VIR-LATE-2", DateTimeOffset.UtcNow, (forgotten, 75.00m, 30.00m)))).EnsureSuccessStatusCode();

        var closed = (await DiscrepanciesOfAsync(forgotten)).Single();
        Assert.Equal("remitted", closed.Resolution);
    }

    [Fact]
    public async Task When_a_remittance_arrives_before_the_cash_news_Should_match_it_when_the_news_comes()
    {
        var cooperative = Guid.NewGuid();
        var (order, shipment, tracking) = (Guid.CreateVersion7(), Guid.CreateVersion7(), $"EARLY{Guid.NewGuid():N}"[..15]);
        await settlement.BookAsync(b => b.RecordOrderAsync(order, cooperative, 110.00m, default));
        await settlement.BookAsync(b => b.RecordBookingAsync(shipment, order, tracking, default));
        (await settlement.RemitAsync(SettlementFactory.Statement("VIR-EARLY", DateTimeOffset.UtcNow.AddHours(-1), (tracking, 110.00m, 30.00m)))).EnsureSuccessStatusCode();
        Assert.Equal(DiscrepancyKinds.UnknownParcel, (await DiscrepanciesOfAsync(tracking)).Single().Kind);

        await settlement.BookAsync(b => b.RecordCashCollectedAsync(shipment, order, 110.00m, DateTimeOffset.UtcNow, default));

        var closed = (await DiscrepanciesOfAsync(tracking)).Single();
        Assert.Equal("collected", closed.Resolution);
        Assert.Equal(LineOutcome.Matched, (await settlement.InScopeAsync(db => db.RemittanceLines.AsNoTracking().SingleAsync(l => l.TrackingNumber == tracking))).Outcome);
        await settlement.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task When_the_courier_keeps_cash_beyond_the_limit_Should_flag_it_once()
    {
        var old = await settlement.CollectedAsync(Guid.NewGuid(), 55.00m, DateTimeOffset.UtcNow.AddDays(-8));
        var recent = await settlement.CollectedAsync(Guid.NewGuid(), 55.00m, DateTimeOffset.UtcNow.AddDays(-1));

        await settlement.BookAsync(b => b.FlagOverdueAsync(default));
        await settlement.BookAsync(b => b.FlagOverdueAsync(default));

        var found = await DiscrepanciesOfAsync(old, recent);
        Assert.Equal((DiscrepancyKinds.HeldTooLong, old), found.Select(d => (d.Kind, d.TrackingNumber)).Single());
    }

    [Fact]
    public async Task When_a_statement_is_delivered_twice_Should_answer_200_and_change_nothing()
    {
        var tracking = await settlement.CollectedAsync(Guid.NewGuid(), 64.00m);
        var statement = SettlementFactory.Statement("VIR-DUP-1", DateTimeOffset.UtcNow.AddHours(-1), (tracking, 64.00m, 30.00m));
        var id = $"msg_{Guid.NewGuid():N}";
        (await settlement.RemitAsync(statement, id)).EnsureSuccessStatusCode();
        var bank = await settlement.BalanceAsync(Accounts.Bank);

        var copy = await settlement.RemitAsync(statement, id);

        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.True((await copy.Content.ReadFromJsonAsync<RemittanceWebhooksApi.Reconciled>())!.Duplicate);
        Assert.Equal(bank, await settlement.BalanceAsync(Accounts.Bank));
        Assert.Empty(await DiscrepanciesOfAsync(tracking));
    }

    [Fact]
    public async Task When_a_statement_is_badly_signed_or_invalid_Should_refuse_it_and_store_nothing()
    {
        var tracking = await settlement.CollectedAsync(Guid.NewGuid(), 64.00m);
        var before = await settlement.InScopeAsync(db => db.Remittances.CountAsync());

        var stranger = await settlement.RemitAsync(SettlementFactory.Statement("VIR-X", DateTimeOffset.UtcNow, (tracking, 64.00m, 30.00m)), key: Keys.Stranger);
        var negative = await settlement.RemitAsync(SettlementFactory.Statement("VIR-Y", DateTimeOffset.UtcNow, (tracking, -64.00m, 0m)));
        var feeAboveAmount = await settlement.RemitAsync(SettlementFactory.Statement("VIR-Z", DateTimeOffset.UtcNow, (tracking, 10.00m, 30.00m)));
        var empty = await settlement.RemitAsync(SettlementFactory.Statement("VIR-W", DateTimeOffset.UtcNow));
        var control = await settlement.RemitAsync(SettlementFactory.Statement("VIR-\u0000", DateTimeOffset.UtcNow, (tracking, 64.00m, 30.00m)));
        var unsigned = await settlement.CreateClient().PostAsJsonAsync("/webhooks/courier/remittances", new { transferReference = "x" });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized),
            (stranger.StatusCode, negative.StatusCode, feeAboveAmount.StatusCode, empty.StatusCode, control.StatusCode, unsigned.StatusCode));
        Assert.Equal("invalid-signature", (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, await settlement.InScopeAsync(db => db.Remittances.CountAsync()));
    }

    [Fact]
    public async Task When_someone_other_than_an_operator_asks_for_discrepancies_or_the_ledger_Should_refuse()
    {
        var manager = settlement.As(Roles.CooperativeManager, "manager", Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/discrepancies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await settlement.CreateClient().GetAsync("/courier/cash-held")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await settlement.As(Roles.Buyer, "buyer").PostAsJsonAsync($"/discrepancies/{Guid.NewGuid()}/resolve",
            new { action = "settle", transferReference = "x" })).StatusCode);
    }
}
