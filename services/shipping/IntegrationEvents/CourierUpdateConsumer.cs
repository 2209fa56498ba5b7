using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.IntegrationEvents;

/// <summary>
/// Applies a courier webhook through <see cref="Shipment.ApplyCourierNews"/>, which decides what moves, what is
/// announced and what becomes an anomaly for operators.
/// </summary>
public sealed class CourierUpdateConsumer(ShippingDbContext db, TimeProvider clock, ILogger<CourierUpdateConsumer> logger)
    : InboxConsumer<CourierUpdateReceived, ShippingDbContext>(db, logger)
{
    protected override async Task HandleAsync(CourierUpdateReceived message, ConsumeContext<CourierUpdateReceived> context)
    {
        var shipment = await Db.Shipments.Include(s => s.Timeline)
            .FirstOrDefaultAsync(s => s.Id == message.ShipmentId, context.CancellationToken);
        if (shipment is null)
        {
            logger.LogWarning("Courier webhook {WebhookId} names unknown shipment {ShipmentId}", message.WebhookId, message.ShipmentId);
            return;
        }
        foreach (var @event in shipment.ApplyCourierNews(message.CourierStatus, message.AmountMad, message.HappenedAt, clock.GetUtcNow()))
            Db.AddIntegrationEvent(@event);
    }
}
