using System.Security.Cryptography;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;
using Tadamon.Shipping.Infrastructure;
using Tadamon.Shipping.Model;

namespace Tadamon.Shipping.IntegrationEvents;

/// <summary>A confirmed order becomes a parcel to book (the courier worker books it).</summary>
public sealed class OrderConfirmedConsumer(ShippingDbContext db, ILogger<OrderConfirmedConsumer> logger)
    : InboxConsumer<OrderConfirmed, ShippingDbContext>(db, logger)
{
    protected override async Task HandleAsync(OrderConfirmed message, ConsumeContext<OrderConfirmed> context)
    {
        // Keyed by order: a second copy, or a cancel that came first, leaves things as they are.
        if (await Db.Shipments.AnyAsync(s => s.OrderId == message.OrderId, context.CancellationToken)) return;
        Create(message);
    }

    /// <summary>One query tells which orders of the batch already have their parcel.</summary>
    protected override async Task HandleBatchAsync(IReadOnlyList<ConsumeContext<OrderConfirmed>> messages, CancellationToken ct)
    {
        var orderIds = messages.Select(m => m.Message.OrderId).Distinct().ToList();
        var known = (await Db.Shipments.Where(s => orderIds.Contains(s.OrderId)).Select(s => s.OrderId).ToListAsync(ct)).ToHashSet();
        foreach (var message in messages)
        {
            if (!known.Add(message.Message.OrderId)) continue;
            using (MessageTrace.Of(message)) Create(message.Message);
        }
    }

    private void Create(OrderConfirmed message)
    {
        var r = message.Recipient;
        Db.Shipments.Add(new Shipment
        {
            OrderId = message.OrderId, CooperativeId = message.CooperativeId, TrackingNumber = NewTrackingNumber(),
            CashOnDeliveryMad = message.CashOnDeliveryMad, ItemCount = message.ItemCount,
            Recipient = new Recipient(r.RecipientName, r.Phone, r.Region, r.City, r.Street),
        });
    }

    /// <summary>Short enough to read over the phone; unguessable enough that tracking pages are not enumerable.</summary>
    private static string NewTrackingNumber() => "TDM" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);
}

/// <summary>The cooperative packed the parcel: the courier worker tells the courier it can come.</summary>
public sealed class OrderReadyForPickupConsumer(ShippingDbContext db, TimeProvider clock, ILogger<OrderReadyForPickupConsumer> logger)
    : InboxConsumer<OrderReadyForPickup, ShippingDbContext>(db, logger)
{
    protected override async Task HandleAsync(OrderReadyForPickup message, ConsumeContext<OrderReadyForPickup> context)
    {
        // The confirmation may still be on its way: the message waits for it (deferred, redelivered later).
        var shipment = await Db.Shipments.FirstOrDefaultAsync(s => s.OrderId == message.OrderId, context.CancellationToken)
            ?? throw new MessageNotReadyException($"No shipment yet for order {message.OrderId}.");
        shipment.MarkReadyForPickup(clock.GetUtcNow());
    }
}

/// <summary>A cancelled order's parcel is not booked, or the courier is asked to cancel (see <see cref="Shipment.Cancel"/>).</summary>
public sealed class OrderCancelledConsumer(ShippingDbContext db, TimeProvider clock, ILogger<OrderCancelledConsumer> logger)
    : InboxConsumer<OrderCancelled, ShippingDbContext>(db, logger)
{
    protected override async Task HandleAsync(OrderCancelled message, ConsumeContext<OrderCancelled> context)
    {
        var shipment = await Db.Shipments.FirstOrDefaultAsync(s => s.OrderId == message.OrderId, context.CancellationToken);
        if (shipment is null)
        {
            shipment = Shipment.ForCancelBeforeConfirmation(message.OrderId, message.CooperativeId);
            Db.Shipments.Add(shipment);
        }
        foreach (var @event in shipment.Cancel(clock.GetUtcNow())) Db.AddIntegrationEvent(@event);
    }
}
