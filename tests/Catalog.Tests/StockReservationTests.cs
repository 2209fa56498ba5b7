using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tadamon.Catalog.Model;
using Tadamon.Catalog.Stock;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;
using Tadamon.TestSupport;

namespace Tadamon.Catalog.Tests;

public sealed class StockReservationTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private static OrderPlaced Order(Guid cooperativeId, Guid productId, int quantity, Guid? orderId = null) =>
        new(orderId ?? Guid.CreateVersion7(), Guid.CreateVersion7(), cooperativeId, "buyer-1", [new OrderedLine(productId, quantity, 120m)], 120m * quantity);

    private async Task ReserveInOwnTransactionAsync(OrderPlaced order) =>
        await catalog.InScopeAsync(async (db, sp) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<StockLedger>().ReserveAsync(order, default);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return true;
        });

    private Task<Product> ProductAsync(Guid id) => catalog.InScopeAsync((db, _) => db.Products.AsNoTracking().FirstAsync(p => p.Id == id));

    private Task<StockReservation?> ReservationAsync(Guid orderId) =>
        catalog.InScopeAsync((db, _) => db.StockReservations.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == orderId));

    [Fact]
    public async Task When_many_orders_race_for_the_last_units_Should_reserve_exactly_the_stock()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 5);
        var orders = Enumerable.Range(0, 24).Select(_ => Order(cooperative, product.Id, 1)).ToList();

        await Task.WhenAll(orders.Select(o => Task.Run(() => ReserveInOwnTransactionAsync(o))));

        var decided = await Task.WhenAll(orders.Select(o => ReservationAsync(o.OrderId)));
        Assert.Equal(5, decided.Count(r => r!.Status == ReservationStatus.Held));
        Assert.Equal(19, decided.Count(r => r!.Status == ReservationStatus.Rejected && r.RejectionReason == "out-of-stock"));
        var after = await ProductAsync(product.Id);
        Assert.Equal((0, 5), (after.StockAvailable, after.StockReserved));
    }

    [Fact]
    public async Task When_orders_arrive_through_the_broker_in_parallel_Should_never_oversell()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 7);
        var orders = Enumerable.Range(0, 20).Select(i => Order(cooperative, product.Id, i % 2 + 1)).ToList();
        var bus = catalog.Services.GetRequiredService<IBus>();

        await Task.WhenAll(orders.Select(o => bus.Publish(o)));
        await Eventually.TrueAsync(async () => (await Task.WhenAll(orders.Select(o => ReservationAsync(o.OrderId)))).All(r => r is not null),
            "every order to be decided");

        var held = (await Task.WhenAll(orders.Select(o => ReservationAsync(o.OrderId)))).Where(r => r!.Status == ReservationStatus.Held).ToList();
        var heldUnits = orders.Where(o => held.Any(r => r!.OrderId == o.OrderId)).Sum(o => o.Lines[0].Quantity);
        var after = await ProductAsync(product.Id);
        Assert.True(heldUnits <= 7, $"{heldUnits} units reserved out of 7");
        Assert.Equal(7 - heldUnits, after.StockAvailable);
        Assert.Equal(heldUnits, after.StockReserved);
        Assert.True(after.StockAvailable < 2, "an order that fits what is left should not have been refused");
    }

    [Fact]
    public async Task When_the_same_order_is_placed_twice_Should_reserve_once()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 10);
        var order = Order(cooperative, product.Id, 3);

        await ReserveInOwnTransactionAsync(order);
        await ReserveInOwnTransactionAsync(order with { EventId = Guid.CreateVersion7() });

        var after = await ProductAsync(product.Id);
        Assert.Equal((7, 3), (after.StockAvailable, after.StockReserved));
    }

    [Fact]
    public async Task When_an_order_is_cancelled_Should_put_its_units_back_on_sale()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 4);
        var order = Order(cooperative, product.Id, 4);
        await ReserveInOwnTransactionAsync(order);

        await catalog.Services.GetRequiredService<IBus>().Publish(new OrderCancelled(order.OrderId, cooperative, "changed my mind", "buyer"));

        await Eventually.TrueAsync(async () => (await ReservationAsync(order.OrderId))!.Status == ReservationStatus.Released, "the release");
        var after = await ProductAsync(product.Id);
        Assert.Equal((4, 0), (after.StockAvailable, after.StockReserved));
    }

    [Fact]
    public async Task When_a_cancel_overtakes_its_order_Should_not_reserve_the_late_order()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 4);
        var order = Order(cooperative, product.Id, 2);
        await catalog.InScopeAsync(async (db, sp) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<StockLedger>().CancelledAsync(new OrderCancelled(order.OrderId, cooperative, "cancelled-by-buyer", "buyer"), default);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return true;
        });

        await ReserveInOwnTransactionAsync(order);

        Assert.Equal(ReservationStatus.Released, (await ReservationAsync(order.OrderId))!.Status);
        Assert.Equal(4, (await ProductAsync(product.Id)).StockAvailable);
    }

    [Fact]
    public async Task When_delivered_and_then_returned_Should_sell_then_restore_the_units()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 6);
        var delivered = Order(cooperative, product.Id, 2);
        var returned = Order(cooperative, product.Id, 3);
        await ReserveInOwnTransactionAsync(delivered);
        await ReserveInOwnTransactionAsync(returned);
        var bus = catalog.Services.GetRequiredService<IBus>();

        await bus.Publish(new OrderDelivered(delivered.OrderId, cooperative));
        await bus.Publish(new Contracts.Shipping.ShipmentReturned(Guid.NewGuid(), returned.OrderId));

        await Eventually.TrueAsync(async () => (await ReservationAsync(delivered.OrderId))!.Status == ReservationStatus.Committed
            && (await ReservationAsync(returned.OrderId))!.Status == ReservationStatus.Restored, "commit and restore");
        var after = await ProductAsync(product.Id);
        Assert.Equal((4, 0), (after.StockAvailable, after.StockReserved));
    }

    [Fact]
    public async Task When_a_reservation_expires_Should_tell_orders_once_and_keep_the_units_until_the_order_is_cancelled()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 3);
        var order = Order(cooperative, product.Id, 3);
        await ReserveInOwnTransactionAsync(order);
        await catalog.InScopeAsync((db, _) => db.StockReservations.Where(r => r.OrderId == order.OrderId)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var sweeper = catalog.Services.GetServices<IHostedService>().OfType<ReservationSweeper>().Single();
        await sweeper.SweepOnceAsync(default);
        await sweeper.SweepOnceAsync(default);

        // The parcel may be with the courier already: only orders knows, so nothing goes back on sale yet.
        var reservation = await ReservationAsync(order.OrderId);
        Assert.Equal((ReservationStatus.Held, null), (reservation!.Status, reservation.ExpiresAt));
        Assert.Equal((0, 3), await CountersAsync(product.Id));
        var announced = await catalog.InScopeAsync((db, _) => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("StockReservationExpired")).ToListAsync());
        Assert.Single(announced, m => m.Payload.Contains(order.OrderId.ToString()));

        await catalog.Services.GetRequiredService<IBus>().Publish(new OrderCancelled(order.OrderId, cooperative, "reservation-expired", "system"));
        await Eventually.TrueAsync(async () => (await ReservationAsync(order.OrderId))!.Status == ReservationStatus.Released, "the release");
        Assert.Equal((3, 0), await CountersAsync(product.Id));
    }

    [Fact]
    public async Task When_an_order_is_cancelled_while_the_courier_may_have_the_parcel_Should_hold_the_units_until_its_fate_is_known()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 6);
        var neverTaken = Order(cooperative, product.Id, 1);
        var cameBack = Order(cooperative, product.Id, 2);
        var deliveredAnyway = Order(cooperative, product.Id, 3);
        foreach (var o in new[] { neverTaken, cameBack, deliveredAnyway }) await ReserveInOwnTransactionAsync(o);
        var bus = catalog.Services.GetRequiredService<IBus>();

        foreach (var o in new[] { neverTaken, cameBack, deliveredAnyway })
            await bus.Publish(new OrderCancelled(o.OrderId, cooperative, "cancelled-by-operator", "operator", AwaitsReturn: true));
        await Eventually.TrueAsync(async () => (await ReservationAsync(deliveredAnyway.OrderId))!.ExpiresAt is null, "the cancels to pin");
        Assert.Equal((0, 6), await CountersAsync(product.Id));

        await bus.Publish(new Contracts.Shipping.ShipmentStatusChanged(Guid.NewGuid(), neverTaken.OrderId, "TDM1", "Cancelled", null));
        await bus.Publish(new Contracts.Shipping.ShipmentReturned(Guid.NewGuid(), cameBack.OrderId));
        await bus.Publish(new OrderDelivered(deliveredAnyway.OrderId, cooperative));

        await Eventually.TrueAsync(async () => (await ReservationAsync(neverTaken.OrderId))!.Status == ReservationStatus.Released
            && (await ReservationAsync(cameBack.OrderId))!.Status == ReservationStatus.Restored
            && (await ReservationAsync(deliveredAnyway.OrderId))!.Status == ReservationStatus.Committed, "each parcel's fate");
        Assert.Equal((3, 0), await CountersAsync(product.Id));
    }

    private async Task<(int Available, int Reserved)> CountersAsync(Guid productId)
    {
        var product = await ProductAsync(productId);
        return (product.StockAvailable, product.StockReserved);
    }

    [Fact]
    public async Task When_the_cooperative_is_suspended_Should_reject_new_orders()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 3);
        var suspended = await catalog.Operator().PostAsync($"/cooperatives/{cooperative}/suspend",
            System.Net.Http.Json.JsonContent.Create(new { reason = "Documents expirés" }));
        suspended.EnsureSuccessStatusCode();
        var order = Order(cooperative, product.Id, 1);

        await ReserveInOwnTransactionAsync(order);

        var reservation = await ReservationAsync(order.OrderId);
        Assert.Equal((ReservationStatus.Rejected, "cooperative-not-selling"), (reservation!.Status, reservation.RejectionReason));
        Assert.Equal(3, (await ProductAsync(product.Id)).StockAvailable);
    }
}
