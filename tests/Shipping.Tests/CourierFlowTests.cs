using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Contracts.Orders;
using Tadamon.CourierSandbox;
using Tadamon.Messaging;
using Tadamon.Shipping.Model;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

/// <summary>Shipping and the courier sandbox talking to each other in memory: bookings out, signed webhooks back.</summary>
public sealed class CourierFlowTests : IClassFixture<ShippingFactory>, IClassFixture<SandboxHost>, IAsyncLifetime
{
    private readonly ShippingFactory _shipping;
    private readonly SandboxHost _courier;

    public CourierFlowTests(ShippingFactory shipping, SandboxHost courier)
    {
        (_shipping, _courier) = (shipping, courier);
        shipping.CourierHandler ??= () => courier.Server.CreateHandler();
        courier.ShippingHandler ??= () => shipping.Server.CreateHandler();
    }

    public async Task InitializeAsync()
    {
        await _shipping.ReadyAsync();
        await _courier.FaultsAsync(new Faults());
    }

    public Task DisposeAsync() => _courier.FaultsAsync(new Faults());

    private static OrderConfirmed Confirmed(Guid orderId) => new(orderId, Guid.NewGuid(), "buyer-1",
        new DeliveryAddress("Fatima Zahra", "0612345678", "casablanca-settat", "Casablanca", "12 rue des Oudayas"), 3, 640m);

    private Task<Shipment?> ShipmentOfAsync(Guid orderId) => _shipping.InScopeAsync(db =>
        db.Shipments.AsNoTracking().Include(s => s.Timeline).FirstOrDefaultAsync(s => s.OrderId == orderId));

    private async Task<List<SandboxApi.ParcelView>> ParcelsAsync(Guid shipmentId) =>
        (await _courier.CreateClient().GetFromJsonAsync<List<SandboxApi.ParcelView>>("/parcels"))!.Where(p => p.ShipmentId == shipmentId).ToList();

    private Task<int> AnnouncedAsync(Guid shipmentId, string eventType) => _shipping.InScopeAsync(async db =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(eventType)).ToListAsync())
            .Count(m => m.Payload.Contains(shipmentId.ToString())));

    /// <summary>Confirmed, booked, packed and handed to the courier: returns the shipment waiting for pickup.</summary>
    private async Task<Shipment> ReadyParcelAsync()
    {
        var orderId = Guid.CreateVersion7();
        var bus = _shipping.Services.GetRequiredService<IBus>();
        await bus.Publish(Confirmed(orderId));
        var booked = await Eventually.GetAsync(async () => await ShipmentOfAsync(orderId) is { Status: ShipmentStatus.Booked } s ? s : null, "the booking");
        await bus.Publish(new OrderReadyForPickup(orderId, booked.CooperativeId));
        await Eventually.TrueAsync(async () => (await ParcelsAsync(booked.Id)).Single().Ready, "the courier to know the parcel is ready");
        return booked;
    }

    private async Task<Shipment> TickUntilAsync(Guid orderId, Func<Shipment, bool> done, string what)
    {
        for (var i = 0; i < 8; i++) await _courier.TickAsync();
        return await Eventually.GetAsync(async () => await ShipmentOfAsync(orderId) is { } s && done(s) ? s : null, what);
    }

    [Fact]
    public async Task When_an_order_is_confirmed_twice_Should_book_one_parcel_with_the_courier()
    {
        var orderId = Guid.CreateVersion7();
        var bus = _shipping.Services.GetRequiredService<IBus>();

        await bus.Publish(Confirmed(orderId));
        await bus.Publish(Confirmed(orderId));
        var shipment = await Eventually.GetAsync(async () => await ShipmentOfAsync(orderId) is { Status: ShipmentStatus.Booked } s ? s : null, "the booking");
        await Task.Delay(600); // a second booking, if any, would be on its way by now

        Assert.Single(await ParcelsAsync(shipment.Id));
        Assert.Equal(1, await _shipping.InScopeAsync(db => db.Shipments.CountAsync(s => s.OrderId == orderId)));
        Assert.Equal(1, await AnnouncedAsync(shipment.Id, "ShipmentBooked"));
    }

    [Fact]
    public async Task When_the_courier_duplicates_and_reorders_its_webhooks_Should_end_delivered_and_paid_once()
    {
        var parcel = await ReadyParcelAsync();
        await _courier.FaultsAsync(new Faults { Duplicates = true, OutOfOrder = true, BadSignatures = 2 });

        var done = await TickUntilAsync(parcel.OrderId, s => s.Status == ShipmentStatus.Delivered && s.CashCollectedMad is not null, "delivery and cash");
        await Task.Delay(700); // let duplicate copies land

        Assert.Equal(640m, done.CashCollectedMad);
        Assert.Equal(1, await AnnouncedAsync(parcel.Id, "CashCollected"));
        Assert.Equal(1, await AnnouncedAsync(parcel.Id, "ShipmentDelivered"));
        var applied = (await ShipmentOfAsync(parcel.OrderId))!.Timeline.Where(e => e.Applied && e.Note is null).OrderBy(e => e.Id).Select(e => (int)e.Status!.Value).ToList();
        Assert.Equal(applied.Order(), applied); // every applied step moved forward
    }

    [Fact]
    public async Task When_delivery_fails_Should_bring_the_parcel_back_and_announce_the_return()
    {
        await _courier.FaultsAsync(new Faults { FailNextDeliveries = 1 });
        var parcel = await ReadyParcelAsync();

        await TickUntilAsync(parcel.OrderId, s => s.Status == ShipmentStatus.Returned, "the return");

        Assert.Equal(1, await AnnouncedAsync(parcel.Id, "ShipmentReturned"));
        Assert.Null((await ShipmentOfAsync(parcel.OrderId))!.CashCollectedMad);
    }

    [Fact]
    public async Task When_an_order_is_cancelled_while_its_parcel_waits_for_pickup_Should_end_once_the_courier_says_it_never_took_it()
    {
        var waiting = await ReadyParcelAsync();
        var onTheRoad = await ReadyParcelAsync();
        (await _courier.CreateClient().PostAsync($"/control/parcels/{onTheRoad.TrackingNumber}/advance", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await ShipmentOfAsync(onTheRoad.OrderId))!.Status == ShipmentStatus.PickedUp, "the pickup");
        var bus = _shipping.Services.GetRequiredService<IBus>();

        // The courier was told both are ready: only its answer says whether it has them.
        await bus.Publish(new OrderCancelled(waiting.OrderId, waiting.CooperativeId, "changed my mind", "buyer", AwaitsReturn: true));
        await bus.Publish(new OrderCancelled(onTheRoad.OrderId, onTheRoad.CooperativeId, "fraude", "operator", AwaitsReturn: true));

        await Eventually.TrueAsync(async () => (await ShipmentOfAsync(waiting.OrderId))!.Status == ShipmentStatus.Cancelled, "the drop");
        var announced = await _shipping.InScopeAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type.Contains("ShipmentStatusChanged")).ToListAsync()).Count(m => m.Payload.Contains(waiting.Id.ToString()) && m.Payload.Contains("Cancelled")));
        Assert.Equal(1, announced);
        var back = await TickUntilAsync(onTheRoad.OrderId, s => s.Status == ShipmentStatus.Returned, "the return");
        Assert.Null(back.NextCourierAttemptAt);
    }
}
