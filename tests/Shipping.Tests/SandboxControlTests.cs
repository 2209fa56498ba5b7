using System.Net;
using System.Net.Http.Json;
using Tadamon.CourierSandbox;

namespace Tadamon.Shipping.Tests;

/// <summary>Playing the courier by hand: one parcel moved one step at a time; a cancel says whether the parcel had left.</summary>
public sealed class SandboxControlTests(SandboxHost courier) : IClassFixture<SandboxHost>
{
    private async Task<BookingRequest> BookAsync()
    {
        var booking = new BookingRequest(Guid.CreateVersion7(), $"TDM{Guid.NewGuid():N}"[..13].ToUpperInvariant(), Guid.NewGuid(),
            "Fatima", "0612345678", "souss-massa", "Agadir", "1 rue", 1, 120m);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/parcels") { Content = JsonContent.Create(booking) };
        request.Headers.Add("Idempotency-Key", booking.ShipmentId.ToString());
        (await courier.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();
        return booking;
    }

    [Fact]
    public async Task When_a_partner_advances_a_parcel_by_hand_Should_move_it_one_step_and_report_it()
    {
        var booking = await BookAsync();
        var client = courier.CreateClient();
        var early = await client.PostAsync($"/control/parcels/{booking.TrackingNumber}/advance", null);
        Assert.Empty((await early.Content.ReadFromJsonAsync<SandboxApi.Advanced>())!.Reported); // not ready yet
        (await client.PostAsync($"/parcels/{booking.ShipmentId}/ready", null)).EnsureSuccessStatusCode();

        var first = await (await client.PostAsync($"/control/parcels/{booking.TrackingNumber}/advance", null)).Content.ReadFromJsonAsync<SandboxApi.Advanced>();
        var second = await (await client.PostAsync($"/control/parcels/{booking.TrackingNumber}/advance", null)).Content.ReadFromJsonAsync<SandboxApi.Advanced>();

        Assert.Equal(["picked_up"], first!.Reported);
        Assert.Equal(("in_transit", false), (second!.LastStatus, second.Finished));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/control/parcels/TDMNOPE/advance", null)).StatusCode);
    }

    [Fact]
    public async Task When_a_booking_is_cancelled_Should_say_whether_the_parcel_had_been_picked_up()
    {
        var waiting = await BookAsync();
        var onTheRoad = await BookAsync();
        var client = courier.CreateClient();
        (await client.PostAsync($"/parcels/{onTheRoad.ShipmentId}/ready", null)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/control/parcels/{onTheRoad.TrackingNumber}/advance", null)).EnsureSuccessStatusCode();

        var dropped = await (await client.PostAsync($"/parcels/{waiting.ShipmentId}/cancel", null)).Content.ReadFromJsonAsync<SandboxApi.CancelAnswer>();
        var returning = await (await client.PostAsync($"/parcels/{onTheRoad.ShipmentId}/cancel", null)).Content.ReadFromJsonAsync<SandboxApi.CancelAnswer>();

        Assert.Equal((false, true), (dropped!.PickedUp, returning!.PickedUp));
    }
}
