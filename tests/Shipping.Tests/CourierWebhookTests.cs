using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Messaging;
using Tadamon.Shipping.Apis;
using Tadamon.Shipping.Model;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

public sealed class CourierWebhookTests(ShippingFactory shipping) : IClassFixture<ShippingFactory>
{
    /// <summary>A shipment of this test's own, already booked with the courier.</summary>
    private async Task<Shipment> BookedShipmentAsync() => await shipping.InScopeAsync(async db =>
    {
        var shipment = new Shipment
        {
            OrderId = Guid.CreateVersion7(), CooperativeId = Guid.NewGuid(), TrackingNumber = $"TDM{Guid.NewGuid():N}"[..13].ToUpperInvariant(),
            CashOnDeliveryMad = 640m, ItemCount = 2,
            Recipient = new Recipient("Fatima Zahra", "0612345678", "casablanca-settat", "Casablanca", "12 rue des Oudayas"),
        };
        shipment.Booked("SBX-1", DateTimeOffset.UtcNow);
        db.Shipments.Add(shipment);
        await db.SaveChangesAsync();
        return shipment;
    });

    private static object News(Shipment s, string status, DateTimeOffset? at = null, decimal? amount = null) =>
        new { shipmentId = s.Id, trackingNumber = s.TrackingNumber, status, occurredAt = at ?? DateTimeOffset.UtcNow, amountMad = amount };

    private Task<Shipment> ShipmentAsync(Guid id) =>
        shipping.InScopeAsync(db => db.Shipments.AsNoTracking().Include(s => s.Timeline).FirstAsync(s => s.Id == id));

    private Task<bool> StoredAsync(string webhookId) => shipping.InScopeAsync(db => db.CourierWebhooks.AnyAsync(w => w.WebhookId == webhookId));

    private Task<List<string>> AnnouncedAsync(Shipment s, string eventType) => shipping.InScopeAsync(async db =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains(eventType)).ToListAsync())
            .Where(m => m.Payload.Contains(s.Id.ToString())).Select(m => m.Payload).ToList());

    [Theory]
    [InlineData(Keys.Current)]
    [InlineData(Keys.Previous)]
    public async Task When_signed_with_a_current_or_rotating_key_Should_store_and_move_the_parcel(string key)
    {
        var shipment = await BookedShipmentAsync();

        var response = await shipping.WebhookAsync(News(shipment, "picked_up"), key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // stored; applied a moment later
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.PickedUp, "the pickup");
        Assert.Single(await AnnouncedAsync(shipment, "ShipmentStatusChanged"), p => p.Contains("PickedUp"));
    }

    [Fact]
    public async Task When_signed_with_an_unknown_key_Should_answer_401_and_store_nothing()
    {
        var shipment = await BookedShipmentAsync();
        var id = $"msg_{Guid.NewGuid():N}";

        var response = await shipping.WebhookAsync(News(shipment, "delivered"), Keys.Stranger, id);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await StoredAsync(id));
        Assert.Equal(ShipmentStatus.Booked, (await ShipmentAsync(shipment.Id)).Status);
    }

    [Fact]
    public async Task When_the_body_was_changed_after_signing_Should_answer_401()
    {
        var shipment = await BookedShipmentAsync();
        var signed = new StandardWebhooks.StandardWebhook(Keys.Current).MakeHttpContent(News(shipment, "returned"), "msg_tampered", DateTimeOffset.UtcNow);
        var tampered = new StringContent((await signed.ReadAsStringAsync()).Replace("returned", "delivered"), System.Text.Encoding.UTF8, "application/json");
        foreach (var header in new[] { "webhook-id", "webhook-timestamp", "webhook-signature" })
            tampered.Headers.TryAddWithoutValidation(header, signed.Headers.GetValues(header));

        var response = await shipping.CreateClient().PostAsync("/webhooks/courier", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await StoredAsync("msg_tampered"));
    }

    [Theory]
    [InlineData(-6, HttpStatusCode.Unauthorized)]
    [InlineData(6, HttpStatusCode.Unauthorized)]
    [InlineData(-4, HttpStatusCode.Accepted)]
    public async Task When_the_timestamp_is_off_by_minutes_Should_accept_only_within_five(int minutes, HttpStatusCode expected)
    {
        var shipment = await BookedShipmentAsync();
        var id = $"msg_{Guid.NewGuid():N}";

        var response = await shipping.WebhookAsync(News(shipment, "picked_up"), Keys.Current, id, DateTimeOffset.UtcNow.AddMinutes(minutes));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Accepted, await StoredAsync(id));
    }

    [Fact]
    public async Task When_the_same_webhook_arrives_twice_Should_acknowledge_both_and_apply_it_once()
    {
        var shipment = await BookedShipmentAsync();
        var id = $"msg_{Guid.NewGuid():N}";

        var first = await shipping.WebhookAsync(News(shipment, "picked_up"), id: id);
        var second = await shipping.WebhookAsync(News(shipment, "picked_up"), id: id);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.True((await second.Content.ReadFromJsonAsync<CourierWebhooksApi.Acknowledged>())!.Duplicate);
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.PickedUp, "the pickup");
        await Task.Delay(700); // give a wrongly accepted copy the time to be applied
        Assert.Single((await ShipmentAsync(shipment.Id)).Timeline, e => e.Status == ShipmentStatus.PickedUp);
    }

    [Fact]
    public async Task When_a_copy_arrives_while_its_original_waits_to_be_applied_Should_apply_the_news_once()
    {
        var shipment = await BookedShipmentAsync();
        var id = $"msg_{Guid.NewGuid():N}";

        // Sent together: both reach the store before the applier's next batch, and only one row can exist.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shipping.WebhookAsync(News(shipment, "picked_up"), id: id)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.PickedUp, "the pickup");
        await Task.Delay(700);
        Assert.Single((await ShipmentAsync(shipment.Id)).Timeline, e => e.Status == ShipmentStatus.PickedUp);
        Assert.Single(await AnnouncedAsync(shipment, "ShipmentStatusChanged"), p => p.Contains("PickedUp"));
    }

    [Fact]
    public async Task When_a_webhook_names_no_known_shipment_Should_park_it_where_an_operator_sees_and_replays_it()
    {
        var stranger = new Shipment
        {
            OrderId = Guid.CreateVersion7(), TrackingNumber = "TDMNOSUCH", Recipient = new Recipient("", "", "", "", ""),
        };
        var id = $"msg_{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.Accepted, (await shipping.WebhookAsync(News(stranger, "delivered"), id: id)).StatusCode);

        var parked = shipping.Services.GetServices<Tadamon.Messaging.DeadLetters.IParkedMessages>()
            .Single(p => p.GetType().Name == "ParkedCourierWebhooks");
        var letter = await Eventually.GetAsync(async () =>
            (await parked.ListAsync(100, CancellationToken.None)).FirstOrDefault(l => l.MessageId == id), "the webhook parked");
        Assert.Equal("courier-webhooks", letter.Queue);
        Assert.Contains(stranger.Id.ToString(), letter.Error);

        // A later webhook for a real parcel is not held up behind it.
        var shipment = await BookedShipmentAsync();
        await shipping.WebhookAsync(News(shipment, "picked_up"));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.PickedUp, "the pickup behind it");
        Assert.True(await parked.DiscardAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task When_news_arrive_out_of_order_Should_keep_them_in_the_timeline_but_never_move_backwards()
    {
        var shipment = await BookedShipmentAsync();
        var start = DateTimeOffset.UtcNow; // booked just before

        await shipping.WebhookAsync(News(shipment, "delivered", start.AddMinutes(2)));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.Delivered, "the delivery");
        await shipping.WebhookAsync(News(shipment, "in_transit", start.AddMinutes(1)));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Timeline.Count == 3, "the late news in the timeline");

        var tracked = await shipping.CreateClient().GetFromJsonAsync<TrackingApi.TrackingResponse>($"/tracking/{shipment.TrackingNumber}");
        Assert.Equal("Delivered", tracked!.Status);
        Assert.Equal(["Booked", "InTransit", "Delivered"], tracked.Timeline.Select(e => e.Status));
        Assert.False(tracked.Timeline.Single(e => e.Status == "InTransit").Applied);
        Assert.Equal(["Delivered"], (await AnnouncedAsync(shipment, "ShipmentStatusChanged")).Select(p => p.Contains("Delivered") ? "Delivered" : p));
        Assert.Single(await AnnouncedAsync(shipment, "ShipmentDelivered"));
    }

    [Fact]
    public async Task When_cash_is_reported_twice_under_two_ids_Should_be_collected_once()
    {
        var shipment = await BookedShipmentAsync();
        await shipping.WebhookAsync(News(shipment, "delivered"));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.Delivered, "the delivery");

        await shipping.WebhookAsync(News(shipment, "cash_collected", amount: 640m));
        await shipping.WebhookAsync(News(shipment, "cash_collected", amount: 640m));

        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).CashCollectedMad == 640m, "the cash");
        await Task.Delay(700);
        Assert.Single(await AnnouncedAsync(shipment, "CashCollected"));
    }

    [Fact]
    public async Task When_cash_is_reported_for_a_returned_parcel_Should_pay_nothing_and_list_an_anomaly_for_operators()
    {
        var shipment = await BookedShipmentAsync();
        await shipping.WebhookAsync(News(shipment, "delivery_failed"));
        await shipping.WebhookAsync(News(shipment, "returned"));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.Returned, "the return");

        var response = await shipping.WebhookAsync(News(shipment, "cash_collected", amount: 75m));

        Assert.False((await response.Content.ReadFromJsonAsync<CourierWebhooksApi.Acknowledged>())!.Duplicate);
        var operatorClient = shipping.CreateClient().ActingAs("operator", Roles.Operator);
        var anomaly = await Eventually.GetAsync(async () =>
            (await operatorClient.GetFromJsonAsync<Page<ShipmentsApi.AnomalySummary>>("/shipments/anomalies?pageSize=100"))!.Items
                .FirstOrDefault(a => a.ShipmentId == shipment.Id), "the anomaly");
        Assert.Equal((AnomalyKinds.CashWithoutDelivery, 75m, "Returned", shipment.OrderId), (anomaly.Kind, anomaly.AmountMad, anomaly.ShipmentStatus, anomaly.OrderId));
        Assert.Null((await ShipmentAsync(shipment.Id)).CashCollectedMad);
        Assert.Empty(await AnnouncedAsync(shipment, "CashCollected"));
        Assert.Equal(HttpStatusCode.Forbidden, (await shipping.CreateClient().ActingAs("buyer", Roles.Buyer).GetAsync("/shipments/anomalies")).StatusCode);
    }

    [Fact]
    public async Task When_cash_overtakes_its_delivery_Should_collect_it_on_delivery_as_a_line_of_its_own()
    {
        var shipment = await BookedShipmentAsync();
        var start = DateTimeOffset.UtcNow;

        await shipping.WebhookAsync(News(shipment, "cash_collected", start.AddMinutes(2), 640m));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).CashPendingMad == 640m, "the cash to wait");
        Assert.Empty(await AnnouncedAsync(shipment, "CashCollected"));
        await shipping.WebhookAsync(News(shipment, "delivered", start.AddMinutes(1)));

        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).CashCollectedMad == 640m, "the cash");
        Assert.Single(await AnnouncedAsync(shipment, "CashCollected"));
        var tracked = await shipping.CreateClient().GetFromJsonAsync<TrackingApi.TrackingResponse>($"/tracking/{shipment.TrackingNumber}");
        Assert.Equal(["Booked", "Delivered", "CashCollected"], tracked!.Timeline.Select(e => e.Status));
        Assert.True(tracked.CashCollected);
        // Finished: no longer in the courier worker's queue.
        Assert.Null((await ShipmentAsync(shipment.Id)).NextCourierAttemptAt);
    }

    [Fact]
    public async Task When_a_parcel_is_delivered_after_its_order_was_cancelled_Should_list_it_for_an_operator()
    {
        var shipment = await BookedShipmentAsync();
        await shipping.WebhookAsync(News(shipment, "picked_up"));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).Status == ShipmentStatus.PickedUp, "the pickup");
        await shipping.Services.GetRequiredService<MassTransit.IBus>().Publish(new Contracts.Orders.OrderCancelled(shipment.OrderId, shipment.CooperativeId, "fraude", "operator", AwaitsReturn: true));
        await Eventually.TrueAsync(async () => (await ShipmentAsync(shipment.Id)).CancelRequested, "the cancel");

        await shipping.WebhookAsync(News(shipment, "delivered"));

        await Eventually.TrueAsync(() => shipping.InScopeAsync(db => db.Anomalies.AnyAsync(a => a.ShipmentId == shipment.Id && a.Kind == AnomalyKinds.DeliveredAfterCancel)),
            "the anomaly");
        Assert.Equal(ShipmentStatus.Delivered, (await ShipmentAsync(shipment.Id)).Status);
    }
}
