using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Tadamon.CourierSandbox;

/// <summary>What the partner courier posts to shipping for every parcel event.</summary>
public sealed record CourierNotification(Guid ShipmentId, string TrackingNumber, string Status, DateTimeOffset OccurredAt, decimal? AmountMad);

/// <summary>
/// Posts signed Standard Webhooks to shipping, like a real courier: one id per event, a fresh timestamp and
/// signature on every attempt, retries with exponential backoff until a 2xx (or the attempts run out).
/// Faults on request: duplicate sends and sends with a bad signature first.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, ParcelStore store, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService
{
    public const string ClientName = "webhooks";
    private readonly Channel<(string Id, CourierNotification Body)> _queue = Channel.CreateUnbounded<(string, CourierNotification)>();

    public void Enqueue(Parcel parcel, string status, DateTimeOffset occurredAt)
    {
        var amount = status == "cash_collected" ? parcel.Booking.CashOnDeliveryMad : (decimal?)null;
        var body = new CourierNotification(parcel.Booking.ShipmentId, parcel.Booking.TrackingNumber, status, occurredAt, amount);
        _queue.Writer.TryWrite(($"msg_{Guid.NewGuid():N}", body));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, body) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Sent in order of enqueueing; each event's retries run on their own so one failure does not stall the rest.
                await SendAsync(id, body, stoppingToken);
                if (store.Faults.Duplicates) _ = SendWithRetriesAsync(id, body, stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task SendAsync(string id, CourierNotification body, CancellationToken ct)
    {
        if (store.TakeBadSignature())
        {
            var forged = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            var status = await PostAsync(id, body, forged, ct);
            logger.LogInformation("Webhook {Id} sent with a bad signature on purpose: {Status}", id, status);
        }
        if (await PostAsync(id, body, options.Value.SigningSecret, ct) is >= 200 and < 300) return;
        _ = SendWithRetriesAsync(id, body, ct);
    }

    private async Task SendWithRetriesAsync(string id, CourierNotification body, CancellationToken ct)
    {
        if (!await SignedCallbacks.UntilAcknowledgedAsync(c => PostAsync(id, body, options.Value.SigningSecret, c), options.Value.MaxDeliveryAttempts, clock, ct)
            && !ct.IsCancellationRequested)
            logger.LogWarning("Webhook {Id} ({Status} for {Tracking}) given up after {Attempts} attempts",
                id, body.Status, body.TrackingNumber, options.Value.MaxDeliveryAttempts);
    }

    /// <summary>One signed POST; the status code, or 0 when shipping could not be reached.</summary>
    private Task<int> PostAsync(string id, CourierNotification body, string secret, CancellationToken ct)
    {
        if (options.Value.WebhookUrl is not { } url) { logger.LogWarning("Sandbox:WebhookUrl is not set; webhook {Id} dropped", id); return Task.FromResult(0); }
        return SignedCallbacks.PostAsync(clients.CreateClient(ClientName), url.ToString(), secret, id, body, clock, logger, ct);
    }
}
