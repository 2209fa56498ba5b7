using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Catalog;
using Tadamon.Settlement.Apis;
using Tadamon.Settlement;
using Tadamon.TestSupport;

namespace Tadamon.Settlement.Tests;

/// <summary>
/// The impact figures against sums worked out by hand. Each test uses a region of its own, so the rows other tests
/// add to this database never fall in its filter.
/// </summary>
public sealed class ImpactTests(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static DateTimeOffset Noon(int month, int day) => new(2026, month, day, 12, 0, 0, TimeSpan.Zero);

    private static CooperativeProfileChanged Profile(Guid id, long version, string region, string chain, DateOnly? joinedOn, params SupportActionDate[] actions) =>
        new(id, version, region, "Cooperative", chain, joinedOn is null ? null : "tathmine", joinedOn, actions);

    private Task<bool> HasCopyAsync(Guid id, long version) =>
        settlement.InScopeAsync(db => db.CooperativeProfiles.AnyAsync(p => p.CooperativeId == id && p.Version == version));

    /// <summary>An order confirmed at <paramref name="confirmed"/>, its parcel delivered and paid at <paramref name="delivered"/>.</summary>
    private async Task<Guid> SaleAsync(Guid cooperative, decimal amount, DateTimeOffset confirmed, DateTimeOffset delivered)
    {
        var (order, shipment) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await settlement.BookAsync(b => b.RecordOrderAsync(order, cooperative, amount, default, confirmed));
        await settlement.BookAsync(b => b.RecordBookingAsync(shipment, order, $"IMP{Guid.NewGuid():N}"[..15].ToUpperInvariant(), default));
        await settlement.BookAsync(b => b.RecordCashCollectedAsync(shipment, order, amount, delivered, default));
        return shipment;
    }

    [Fact]
    public async Task When_parcels_are_delivered_Should_sum_sales_and_income_per_chain_region_month_and_membership_as_by_hand()
    {
        await settlement.ReadyAsync();
        var region = $"r-{Guid.NewGuid():N}"[..20];
        var (argan, plainArgan, honey) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var action = new SupportActionDate(Guid.NewGuid(), "Equipment", new DateOnly(2026, 4, 1));
        await settlement.Bus.Publish(Profile(argan, 2, region, "argan", new DateOnly(2026, 3, 15), action));
        await settlement.Bus.Publish(Profile(plainArgan, 1, region, "argan", null));
        await settlement.Bus.Publish(Profile(honey, 1, region, "honey", new DateOnly(2026, 1, 1)));
        await Eventually.TrueAsync(async () => await HasCopyAsync(argan, 2) && await HasCopyAsync(plainArgan, 1) && await HasCopyAsync(honey, 1), "the three profiles to be copied");

        await SaleAsync(argan, 200.00m, Noon(3, 10), Noon(3, 12));       // before it joined: a non-member's sale
        await SaleAsync(argan, 350.00m, Noon(3, 20), Noon(4, 2));        // a member's: sold in March, income in April
        var returned = await SaleAsync(argan, 120.00m, Noon(4, 5), Noon(4, 7));
        await settlement.BookAsync(b => b.RecordReturnAsync(returned, Noon(4, 10), default)); // sold, but no income
        await SaleAsync(plainArgan, 150.00m, Noon(3, 25), Noon(3, 28));
        await SaleAsync(plainArgan, 80.00m, Noon(4, 1), Noon(4, 3));
        await SaleAsync(honey, 500.00m, Noon(4, 15), Noon(4, 18));
        await SaleAsync(honey, 999.00m, Noon(5, 15), Noon(5, 18));       // outside the period asked for

        var report = (await settlement.Operator.GetFromJsonAsync<ImpactApi.ImpactResponse>(
            $"/impact?region={region}&from=2026-03-01&to=2026-04-30&windowDays=30", Json))!;

        // value chain, month, member: cooperatives, orders, sales, delivered parcels, delivered income — worked out by hand above.
        var expected = new[]
        {
            ("argan", "2026-03", false, 2, 2, 350.00m, 2, 350.00m),
            ("argan", "2026-03", true, 1, 1, 350.00m, 0, 0.00m),
            ("argan", "2026-04", false, 1, 1, 80.00m, 1, 80.00m),
            ("argan", "2026-04", true, 1, 1, 120.00m, 1, 350.00m),
            ("honey", "2026-04", true, 1, 1, 500.00m, 1, 500.00m),
        };
        Assert.All(report.Rows, r => Assert.Equal(region, r.Region));
        Assert.Equal(expected, report.Rows.Select(r => (r.ValueChain, r.Month.ToString("yyyy-MM"), r.Member, r.Cooperatives, r.Orders, r.SalesMad, r.DeliveredParcels, r.DeliveredIncomeMad)));
        Assert.Equal([new ImpactApi.ImpactTotals(false, 3, 430.00m, 3, 430.00m), new ImpactApi.ImpactTotals(true, 3, 970.00m, 2, 850.00m)], report.Totals);

        // 30 days either side of 1 April: 200.00 delivered on 12 March before, 350.00 on 2 April after (the returned parcel counts nowhere).
        var impact = Assert.Single(report.SupportActions);
        Assert.Equal((action.SupportActionId, argan, 200.00m, 350.00m, true), (impact.SupportActionId, impact.CooperativeId, impact.IncomeBeforeMad, impact.IncomeAfterMad, impact.WindowComplete));
        var narrow = (await settlement.Operator.GetFromJsonAsync<ImpactApi.ImpactResponse>(
            $"/impact?region={region}&from=2026-03-01&to=2026-04-30&windowDays=10", Json))!;
        Assert.Equal((0.00m, 350.00m), (narrow.SupportActions[0].IncomeBeforeMad, narrow.SupportActions[0].IncomeAfterMad));

        // The CSV export is the same rows.
        var csv = (await settlement.Operator.GetStringAsync($"/impact/csv?region={region}&from=2026-03-01&to=2026-04-30")).Trim().Split('\n');
        Assert.Equal("value_chain,region,month,member,cooperatives,orders,sales_mad,delivered_parcels,delivered_income_mad", csv[0]);
        Assert.Equal(expected.Select(e => $"{e.Item1},{region},{e.Item2},{(e.Item3 ? "yes" : "no")},{e.Item4},{e.Item5},{e.Item6:0.00},{e.Item7},{e.Item8:0.00}"), csv.Skip(1));
        var honeyOnly = (await settlement.Operator.GetFromJsonAsync<ImpactApi.ImpactResponse>($"/impact?region={region}&valueChain=honey&from=2026-03-01&to=2026-05-31", Json))!;
        Assert.Equal([500.00m, 999.00m], honeyOnly.Rows.Select(r => r.DeliveredIncomeMad));
    }

    [Fact]
    public async Task When_profile_copies_arrive_out_of_order_Should_keep_the_newest_and_its_support_actions()
    {
        await settlement.ReadyAsync();
        var id = Guid.NewGuid();
        var (first, second) = (new SupportActionDate(Guid.NewGuid(), "Training", new DateOnly(2026, 2, 1)), new SupportActionDate(Guid.NewGuid(), "Equipment", new DateOnly(2026, 5, 1)));
        var newest = Profile(id, 3, "draa-tafilalet", "dates", new DateOnly(2026, 1, 10), first, second);

        await settlement.Bus.Publish(newest);
        await Eventually.TrueAsync(() => HasCopyAsync(id, 3), "version 3 to be copied");
        await settlement.Bus.Publish(Profile(id, 2, "draa-tafilalet", "dates", new DateOnly(2026, 1, 10), first));
        await settlement.Bus.Publish(Profile(id, 1, "souss-massa", "argan", null));
        await settlement.Bus.Publish(newest); // the same event redelivered
        var marker = Guid.NewGuid(); // published last: once it is copied, the older ones ahead of it have been handled
        await settlement.Bus.Publish(Profile(marker, 1, "oriental", "dates", null));
        await Eventually.TrueAsync(() => HasCopyAsync(marker, 1), "the later profile to be copied");
        await Task.Delay(500);

        var (copy, actions) = await settlement.InScopeAsync(async db => (
            await db.CooperativeProfiles.AsNoTracking().SingleAsync(p => p.CooperativeId == id),
            await db.SupportActions.AsNoTracking().Where(a => a.CooperativeId == id).OrderBy(a => a.On).Select(a => a.SupportActionId).ToListAsync()));
        Assert.Equal((3L, "draa-tafilalet", "dates", "tathmine"), (copy.Version, copy.Region, copy.ValueChain, copy.Programme));
        Assert.Equal([first.SupportActionId, second.SupportActionId], actions);

        await settlement.Bus.Publish(Profile(id, 4, "draa-tafilalet", "saffron", new DateOnly(2026, 1, 10), second));
        await Eventually.TrueAsync(() => HasCopyAsync(id, 4), "version 4 to be copied");
        Assert.Equal([second.SupportActionId], await settlement.InScopeAsync(db => db.SupportActions.Where(a => a.CooperativeId == id).Select(a => a.SupportActionId).ToListAsync()));
    }

    [Fact]
    public async Task When_the_question_is_wrong_or_the_caller_no_operator_Should_refuse()
    {
        await settlement.ReadyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await settlement.Operator.GetAsync("/impact?windowDays=0")).StatusCode);
        var backwards = await settlement.Operator.GetAsync("/impact?from=2026-05-01&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("application/problem+json", backwards.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await settlement.As(Roles.CooperativeManager, "manager", Guid.NewGuid()).GetAsync("/impact")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await settlement.Operator.GetAsync("/impact")).StatusCode);
    }
}

/// <summary>Its own class, so its own empty ledger: the demo's year of sales only comes into an empty one.</summary>
public sealed class DemoSalesTests(SettlementFactory settlement) : IClassFixture<SettlementFactory>
{
    [Fact]
    public async Task When_the_demo_is_seeded_Should_leave_a_balanced_ledger_with_a_year_of_delivered_income_and_no_cash_held()
    {
        await settlement.ReadyAsync();
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Ledger.SettlementOptions>>(settlement.Services);
        await settlement.InScopeAsync(async db => { await Seeding.DemoSales.SeedAsync(db, options, default); return 0; });
        await settlement.InScopeAsync(async db => { await Seeding.DemoSales.SeedAsync(db, options, default); return 0; }); // a second start: nothing more

        await settlement.AssertLedgerHoldsAsync();
        var (orders, parcels, held, discrepancies) = await settlement.InScopeAsync(async db => (
            await db.Orders.CountAsync(), await db.Parcels.CountAsync(p => p.CollectedAt != null),
            await db.Parcels.CountAsync(p => p.CollectedAt != null && p.RemittedAt == null), await db.Discrepancies.CountAsync()));
        Assert.InRange(orders, 300, 2000);
        Assert.Equal((0, 0), (held, discrepancies));
        var income = await settlement.InScopeAsync(db => db.Parcels.SumAsync(p => p.NetMad));
        var report = (await settlement.Operator.GetFromJsonAsync<ImpactApi.ImpactResponse>("/impact"))!;
        Assert.Equal(income, report.Rows.Sum(r => r.DeliveredIncomeMad));
        Assert.Equal(parcels, report.Rows.Sum(r => r.DeliveredParcels));
    }
}
