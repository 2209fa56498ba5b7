using System.Net.Http.Json;

namespace Tadamon.Shipping.Courier;

public sealed class CourierOptions
{
    /// <summary>Where the courier's booking API is; <c>http://courier-sandbox</c> resolves through service discovery.</summary>
    public Uri BaseUrl { get; set; } = new("http://courier-sandbox");
    /// <summary>Keys the courier may sign webhooks with (more than one while a key is being rotated).</summary>
    public string[] WebhookSecrets { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed record ParcelBooking(
    Guid ShipmentId, string TrackingNumber, Guid SenderCooperativeId, string RecipientName, string RecipientPhone,
    string Region, string City, string Street, int ItemCount, decimal CashOnDeliveryMad);

public sealed record ParcelBooked(string CourierReference);

/// <summary>The courier's answer to a cancel: whether it had already picked the parcel up (then it brings it back).</summary>
public sealed record ParcelCancelled(bool PickedUp);

/// <summary>The partner courier's booking API, as shipping uses it. Resilience comes from the service defaults.</summary>
public sealed class CourierClient(HttpClient http)
{
    /// <summary>Books a parcel. The shipment id is the idempotency key: a retried booking returns the first one.</summary>
    public async Task<ParcelBooked> BookAsync(ParcelBooking booking, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "parcels") { Content = JsonContent.Create(booking) };
        request.Headers.Add("Idempotency-Key", booking.ShipmentId.ToString());
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ParcelBooked>(ct)
            ?? throw new InvalidOperationException("The courier answered a booking with an empty body.");
    }

    public async Task ReadyForPickupAsync(Guid shipmentId, CancellationToken ct)
    {
        using var response = await http.PostAsync($"parcels/{shipmentId}/ready", null, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Cancels a booking; an answer without a body is taken as "picked up", so stock waits for the parcel's return.</summary>
    public async Task<ParcelCancelled> CancelAsync(Guid shipmentId, CancellationToken ct)
    {
        using var response = await http.PostAsync($"parcels/{shipmentId}/cancel", null, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength == 0 || response.StatusCode == System.Net.HttpStatusCode.NoContent) return new ParcelCancelled(PickedUp: true);
        return await response.Content.ReadFromJsonAsync<ParcelCancelled>(ct) ?? new ParcelCancelled(PickedUp: true);
    }
}
