using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Contracts;
using Tadamon.Contracts.Catalog;
using Tadamon.TestSupport;

namespace Tadamon.Orders.Tests;

/// <summary>The price book is a copy of catalog's data: whatever order its events arrive in, it ends the same.</summary>
public sealed class PriceBookOrderingTests(OrdersFactory orders) : IClassFixture<OrdersFactory>
{
    public static TheoryData<int[]> EveryOrder()
    {
        var data = new TheoryData<int[]>();
        int[][] permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (var p in permutations) data.Add(p);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public async Task When_the_events_of_one_product_arrive_in_any_order_Should_end_with_the_newest_price(int[] order)
    {
        var productId = Guid.CreateVersion7();
        var cooperativeId = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        IntegrationEvent[] history =
        [
            new ProductPublished(productId, cooperativeId, "عسل الزعتر", "Miel de thym", "pot", 90m) { OccurredAt = t0 },
            new ProductPriceChanged(productId, cooperativeId, 95m) { OccurredAt = t0.AddMinutes(1) },
            new ProductPriceChanged(productId, cooperativeId, 85m) { OccurredAt = t0.AddMinutes(2) },
        ];

        var bus = orders.Services.GetRequiredService<IBus>();
        foreach (var i in order) await bus.Publish(history[i], history[i].GetType(), ctx => ctx.MessageId = history[i].EventId);

        // A price change that comes before its product waits (deferred, not parked: redelivered after 1 s, 2 s, 4 s …)
        // and is applied once it can be; on a loaded machine that can take a few rounds.
        await Eventually.TrueAsync(async () => await orders.InScopeAsync(db =>
                db.PriceBook.AsNoTracking().AnyAsync(e => e.ProductId == productId && e.PriceMad == 85m)),
            $"the newest price whatever the order ({string.Join(",", order)})", TimeSpan.FromSeconds(90));
        await Task.Delay(1500); // a deferred older change still to come must not overwrite it
        var entry = await orders.InScopeAsync(db => db.PriceBook.AsNoTracking().SingleAsync(e => e.ProductId == productId));
        Assert.Equal(85m, entry.PriceMad);
        Assert.Equal("Miel de thym", entry.NameFr);
    }
}
