using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.IntegrationEvents;

/// <summary>The courier took the booking: the buyer can now follow the parcel by its tracking number.</summary>
public sealed class ShipmentBookedConsumer(OrdersDbContext db, TimeProvider clock, ILogger<ShipmentBookedConsumer> logger)
    : InboxConsumer<ShipmentBooked, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(ShipmentBooked message, ConsumeContext<ShipmentBooked> context)
    {
        var order = await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken);
        order?.RecordBooking(message.ShipmentId, message.TrackingNumber, clock.GetUtcNow());
    }
}

/// <summary>
/// Follows the parcel: picked up → Shipped, delivered → Delivered (and catalog is told the stock is sold),
/// failed → DeliveryFailed, back → Returned; a recalled order learns its parcel's fate (see <see cref="Order.ApplyCourierStatus"/>).
/// Late copies never move an order backwards.
/// </summary>
public sealed class ShipmentStatusChangedConsumer(OrdersDbContext db, TimeProvider clock, ILogger<ShipmentStatusChangedConsumer> logger)
    : InboxConsumer<ShipmentStatusChanged, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(ShipmentStatusChanged message, ConsumeContext<ShipmentStatusChanged> context)
    {
        var order = await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken);
        if (order is null) return;
        if (order.ApplyShipmentNews(message.ShipmentId, message.TrackingNumber, message.Status, clock.GetUtcNow()) && order.Status == OrderStatus.Delivered)
        {
            Db.AddIntegrationEvent(new OrderDelivered(order.Id, order.CooperativeId));
        }
    }
}

/// <summary>The courier collected the cash: the order is paid once delivered (see <see cref="Order.MarkPaid"/>).</summary>
public sealed class CashCollectedConsumer(OrdersDbContext db, TimeProvider clock, ILogger<CashCollectedConsumer> logger)
    : InboxConsumer<CashCollected, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(CashCollected message, ConsumeContext<CashCollected> context)
    {
        var order = await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken);
        order?.MarkPaid(message.AmountMad, clock.GetUtcNow());
    }
}
