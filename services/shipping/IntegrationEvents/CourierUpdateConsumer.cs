using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;
using Tadamon.Shipping.Courier;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.IntegrationEvents;

/// <summary>
/// Applies a courier webhook: the timeline always records it; the status moves only forward, and each real move
/// is announced (<c>ShipmentStatusChanged</c>, plus <c>ShipmentDelivered</c> / <c>ShipmentReturned</c>); cash is
/// collected once (<c>CashCollected</c>).
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
        var now = clock.GetUtcNow();

        if (message.CourierStatus == CourierStatuses.CashCollected)
        {
            if (message.AmountMad is { } amount && shipment.CollectCash(amount, message.HappenedAt, now))
                Db.AddIntegrationEvent(new CashCollected(shipment.Id, shipment.OrderId, amount));
            return;
        }

        if (CourierStatuses.Normalise(message.CourierStatus) is not { } status)
        {
            logger.LogWarning("Courier webhook {WebhookId} has unknown status {Status}; ignored", message.WebhookId, message.CourierStatus);
            return;
        }
        if (!shipment.Advance(status, message.HappenedAt, now, null)) return;

        Db.AddIntegrationEvent(new ShipmentStatusChanged(shipment.Id, shipment.OrderId, shipment.TrackingNumber, status.ToString(), null));
        if (status == ShipmentStatus.Delivered) Db.AddIntegrationEvent(new ShipmentDelivered(shipment.Id, shipment.OrderId));
        if (status == ShipmentStatus.Returned) Db.AddIntegrationEvent(new ShipmentReturned(shipment.Id, shipment.OrderId));
    }
}
