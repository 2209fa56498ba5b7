using Tadamon.Contracts;

namespace Tadamon.Shipping.IntegrationEvents;

/// <summary>
/// Shipping's own message (not a contract): a verified courier webhook, queued through the outbox so the
/// webhook is acknowledged fast and applied once, by <see cref="CourierUpdateConsumer"/>.
/// </summary>
public sealed record CourierUpdateReceived(
    string WebhookId, Guid ShipmentId, string TrackingNumber, string CourierStatus, DateTimeOffset HappenedAt, decimal? AmountMad)
    : IntegrationEvent;
