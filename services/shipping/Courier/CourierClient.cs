using System.Net.Http.Json;

namespace Tadamon.Shipping.Courier;

public sealed class CourierOptions
{
    /// <summary>Where the courier's booking API is; <c>http://courier-sandbox</c> resolves through service discovery.</summary>
    public Uri BaseUrl { get; set; } = new("http://courier-sandbox");
    /// <summary>Keys the courier may sign webhooks with (more than one while a key is being rotated).</summary>
    public string[] WebhookSecrets { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Parcels booked in one call (the courier takes up to 100).</summary>
    public int BookingBatchSize { get; set; } = 100;
    /// <summary>
    /// How long a shipment claimed for a call stays out of other rounds (this replica's or another's) while the call
    /// is out. Calls are idempotent, so a call outliving its claim is repeated, never harmful.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed record ParcelBooking(
    Guid ShipmentId, string TrackingNumber, Guid SenderCooperativeId, string RecipientName, string RecipientPhone,
    string Region, string City, string Street, int ItemCount, decimal CashOnDeliveryMad);

public sealed record ParcelBooked(string CourierReference);

/// <summary>The courier's answer for one parcel of a multi-parcel booking: its reference, or why it refused that one.</summary>
public sealed record BookingLine(Guid ShipmentId, string? CourierReference, string? Error);

internal sealed record ParcelsToBook(IReadOnlyList<ParcelBooking> Parcels);

internal sealed record ParcelsBooked(IReadOnlyList<BookingLine>? Results);

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

    /// <summary>
    /// Books many parcels in one call; each is idempotent on its shipment id, so a retried call returns the same
    /// bookings. Throws when the answer as a whole is unusable; a parcel the courier refused comes back on its line.
    /// </summary>
    public async Task<IReadOnlyList<BookingLine>> BookManyAsync(IReadOnlyList<ParcelBooking> bookings, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("parcels/batch", new ParcelsToBook(bookings), ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<ParcelsBooked>(ct);
        if (answer?.Results is not { } lines || lines.Any(l => l.CourierReference is null && l.Error is null))
            throw new InvalidOperationException("The courier answered a multi-parcel booking without a line per parcel.");
        return lines;
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
