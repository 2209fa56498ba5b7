using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Contracts.Catalog;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;
using Tadamon.Orders.Apis;
using Tadamon.Orders.Model;
using Tadamon.TestSupport;

namespace Tadamon.Orders.Tests;

/// <summary>The lifecycle as driven by catalog's and shipping's events and by people, through the real broker.</summary>
public sealed class OrderLifecycleTests(OrdersFactory orders) : IClassFixture<OrdersFactory>
{
    private IBus Bus => orders.Services.GetRequiredService<IBus>();

    private async Task<OrderResponse> PlaceAsync(string buyer, Guid cooperativeId)
    {
        var product = await orders.PricedProductAsync(cooperativeId, 100m);
        var response = await orders.Buyer(buyer).SendAsync(OrdersFactory.Checkout($"k-{Guid.NewGuid():N}",
            new { lines = new[] { new { productId = product.ProductId, quantity = 2 } }, address = OrdersFactory.Address }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CheckoutApi.CheckoutResponse>())!.Orders.Single();
    }

    private Task<Order> OrderAsync(Guid id) => orders.InScopeAsync(db => db.Orders.AsNoTracking().FirstAsync(o => o.Id == id));

    private Task WaitForStatusAsync(Guid id, OrderStatus status) =>
        Eventually.TrueAsync(async () => (await OrderAsync(id)).Status == status, $"order {id} to be {status}");

    private async Task<OrderResponse> ConfirmedAsync(string buyer, Guid cooperativeId)
    {
        var order = await PlaceAsync(buyer, cooperativeId);
        await Bus.Publish(new StockReserved(order.Id, [new ReservedLine(order.Lines[0].ProductId, 2)]));
        await WaitForStatusAsync(order.Id, OrderStatus.Confirmed);
        return order;
    }

    [Fact]
    public async Task When_stock_is_reserved_Should_confirm_the_order_and_announce_it_once()
    {
        var order = await PlaceAsync("buyer-confirm", Guid.NewGuid());
        var reserved = new StockReserved(order.Id, [new ReservedLine(order.Lines[0].ProductId, 2)]);

        await Bus.Publish(reserved);
        await Bus.Publish(reserved); // redelivered copy
        await WaitForStatusAsync(order.Id, OrderStatus.Confirmed);

        await Task.Delay(500);
        var confirmations = await orders.InScopeAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("OrderConfirmed")).ToListAsync()).Count(m => m.Payload.Contains(order.Id.ToString())));
        Assert.Equal(1, confirmations);
    }

    [Fact]
    public async Task When_stock_is_refused_Should_reject_the_order_with_the_reason()
    {
        var order = await PlaceAsync("buyer-reject", Guid.NewGuid());

        await Bus.Publish(new StockReservationRejected(order.Id, "out-of-stock", order.Lines[0].ProductId));

        await WaitForStatusAsync(order.Id, OrderStatus.Rejected);
        Assert.Equal("out-of-stock", (await OrderAsync(order.Id)).StatusReason);
    }

    [Fact]
    public async Task When_a_placed_order_is_marked_ready_Should_answer_409_and_change_nothing()
    {
        var cooperative = Guid.NewGuid();
        var order = await PlaceAsync("buyer-early-ready", cooperative);

        var response = await orders.As(Roles.CooperativeManager, "manager", cooperative).PostAsync($"/{order.Id}/ready", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("illegal-transition", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(OrderStatus.Placed, (await OrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task When_a_buyer_cancels_after_pickup_Should_answer_409_but_an_operator_may_recall_the_parcel()
    {
        var order = await ConfirmedAsync("buyer-late-cancel", Guid.NewGuid());
        var shipment = Guid.NewGuid();
        await Bus.Publish(new ShipmentStatusChanged(shipment, order.Id, "TDMTEST0001", "PickedUp", null));
        await WaitForStatusAsync(order.Id, OrderStatus.Shipped);

        var byBuyer = await orders.Buyer("buyer-late-cancel").PostAsJsonAsync($"/{order.Id}/cancel", new { reason = "trop tard" });
        var byOperator = await orders.As(Roles.Operator, "operator").PostAsJsonAsync($"/{order.Id}/cancel", new { reason = "fraude" });

        Assert.Equal(HttpStatusCode.Conflict, byBuyer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        // The goods are with the courier: the order waits for them, and catalog is told to keep the stock held.
        Assert.Equal(OrderStatus.Recalling, (await OrderAsync(order.Id)).Status);
        var cancels = await orders.InScopeAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("OrderCancelled")).ToListAsync()).Where(m => m.Payload.Contains(order.Id.ToString())).ToList());
        Assert.Contains("\"awaitsReturn\":true", Assert.Single(cancels).Payload.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);

        await Bus.Publish(new ShipmentStatusChanged(shipment, order.Id, "TDMTEST0001", "InTransit", null));
        await Bus.Publish(new ShipmentStatusChanged(shipment, order.Id, "TDMTEST0001", "Returned", null));
        await WaitForStatusAsync(order.Id, OrderStatus.Returned);
        Assert.False((await OrderAsync(order.Id)).IsPaid);
    }

    [Fact]
    public async Task When_an_order_is_booked_Should_show_its_shipment_and_each_step_with_its_time()
    {
        var order = await ConfirmedAsync("buyer-history", Guid.NewGuid());
        var shipment = Guid.NewGuid();
        await Bus.Publish(new ShipmentBooked(shipment, order.Id, "TDMTEST0009"));
        await Eventually.TrueAsync(async () => (await OrderAsync(order.Id)).ShipmentId == shipment, "the booking");

        var seen = await orders.Buyer("buyer-history").GetFromJsonAsync<OrderResponse>($"/{order.Id}");
        var byOperator = await orders.As(Roles.Operator, "operator").GetFromJsonAsync<OrderResponse>($"/{order.Id}");

        Assert.Equal((shipment, "TDMTEST0009"), (seen!.ShipmentId, seen.TrackingNumber));
        Assert.Equal(["Placed", "Confirmed", "ShipmentBooked"], seen.History!.Select(h => h.Event));
        Assert.True(seen.History![0].At <= seen.History[1].At && seen.History[1].At <= seen.History[2].At);
        Assert.Equal(seen.History.Select(h => h.Event), byOperator!.History!.Select(h => h.Event));
    }

    [Fact]
    public async Task When_courier_news_arrive_out_of_order_Should_never_move_the_order_backwards()
    {
        var order = await ConfirmedAsync("buyer-reorder", Guid.NewGuid());
        var shipment = Guid.NewGuid();

        await Bus.Publish(new ShipmentStatusChanged(shipment, order.Id, "TDMTEST0002", "Delivered", null));
        await WaitForStatusAsync(order.Id, OrderStatus.Delivered);
        await Bus.Publish(new ShipmentStatusChanged(shipment, order.Id, "TDMTEST0002", "InTransit", null));
        await Bus.Publish(new CashCollected(shipment, order.Id, 200m));
        await Eventually.TrueAsync(async () => (await OrderAsync(order.Id)).IsPaid, "the payment");

        var after = await OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Delivered, 200m), (after.Status, after.CashCollectedMad));
        var delivered = await orders.InScopeAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("OrderDelivered")).ToListAsync()).Count(m => m.Payload.Contains(order.Id.ToString())));
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task When_people_list_orders_Should_see_only_their_own_or_their_cooperatives()
    {
        var cooperative = Guid.NewGuid();
        var mine = await PlaceAsync("buyer-alice", cooperative);
        var theirs = await PlaceAsync("buyer-bob", Guid.NewGuid());

        var alice = await orders.Buyer("buyer-alice").GetFromJsonAsync<Page<OrderResponse>>("/");
        var manager = await orders.As(Roles.CooperativeManager, "manager", cooperative).GetFromJsonAsync<Page<OrderResponse>>("/");
        var peek = await orders.Buyer("buyer-alice").GetAsync($"/{theirs.Id}");

        Assert.Equal([mine.Id], alice!.Items.Select(o => o.Id));
        Assert.Equal([mine.Id], manager!.Items.Select(o => o.Id));
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }
}
