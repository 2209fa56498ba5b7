using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Catalog;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;
using DeliveryAddress = Tadamon.Contracts.Orders.DeliveryAddress;

namespace Tadamon.Orders.IntegrationEvents;

/// <summary>Stock is set aside: the order is confirmed and shipping is asked to carry it.</summary>
public sealed class StockReservedConsumer(OrdersDbContext db, TimeProvider clock, ILogger<StockReservedConsumer> logger)
    : InboxConsumer<StockReserved, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(StockReserved message, ConsumeContext<StockReserved> context) =>
        Confirm(message, await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken));

    /// <summary>Every order of the batch loaded in one query.</summary>
    protected override async Task HandleBatchAsync(IReadOnlyList<ConsumeContext<StockReserved>> messages, CancellationToken ct)
    {
        var orders = await Db.OrdersByIdAsync(messages.Select(m => m.Message.OrderId), ct);
        foreach (var message in messages)
        {
            using (MessageTrace.Of(message)) Confirm(message.Message, orders.GetValueOrDefault(message.Message.OrderId));
        }
    }

    private void Confirm(StockReserved message, Order? order)
    {
        // Cancelled while catalog was reserving: catalog releases on our OrderCancelled, nothing to confirm.
        if (order is not { Status: OrderStatus.Placed })
        {
            logger.LogInformation("Order {OrderId} is {Status}; stock reservation not applied", message.OrderId, order?.Status);
            return;
        }
        order.Confirm(clock.GetUtcNow());
        var r = order.Recipient;
        Db.AddIntegrationEvent(new OrderConfirmed(order.Id, order.CooperativeId, order.BuyerId,
            new DeliveryAddress(r.RecipientName, r.Phone, r.Region, r.City, r.Street),
            order.Lines.Sum(l => l.Quantity), order.TotalMad));
    }
}

/// <summary>Catalog could not reserve the whole order: it is rejected with catalog's reason.</summary>
public sealed class StockReservationRejectedConsumer(OrdersDbContext db, TimeProvider clock, ILogger<StockReservationRejectedConsumer> logger)
    : InboxConsumer<StockReservationRejected, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(StockReservationRejected message, ConsumeContext<StockReservationRejected> context) =>
        Reject(message, await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken));

    /// <summary>Every order of the batch loaded in one query.</summary>
    protected override async Task HandleBatchAsync(IReadOnlyList<ConsumeContext<StockReservationRejected>> messages, CancellationToken ct)
    {
        var orders = await Db.OrdersByIdAsync(messages.Select(m => m.Message.OrderId), ct);
        foreach (var message in messages)
        {
            using (MessageTrace.Of(message)) Reject(message.Message, orders.GetValueOrDefault(message.Message.OrderId));
        }
    }

    private void Reject(StockReservationRejected message, Order? order)
    {
        if (order is { Status: OrderStatus.Placed }) order.Reject(message.Reason, clock.GetUtcNow());
    }
}

/// <summary>
/// The reservation ran out before the parcel left: the order is cancelled, and catalog puts the stock back on sale
/// on that cancel (at once, or once the courier confirms it never took a parcel that was ready).
/// </summary>
public sealed class StockReservationExpiredConsumer(OrdersDbContext db, TimeProvider clock, ILogger<StockReservationExpiredConsumer> logger)
    : InboxConsumer<StockReservationExpired, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(StockReservationExpired message, ConsumeContext<StockReservationExpired> context)
    {
        var order = await Db.Orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, context.CancellationToken);
        if (order is null || !order.CanCancel(byOperator: false))
        {
            logger.LogWarning("Reservation of order {OrderId} expired while it was {Status}", message.OrderId, order?.Status);
            return;
        }
        const string reason = "reservation-expired";
        order.Cancel(reason, byOperator: false, clock.GetUtcNow());
        Db.AddIntegrationEvent(new OrderCancelled(order.Id, order.CooperativeId, reason, "system", order.AwaitsReturn));
    }
}

internal static class OrderBatches
{
    public static Task<Dictionary<Guid, Order>> OrdersByIdAsync(this OrdersDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return db.Orders.Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
    }
}

/// <summary>Keeps the price book's price current; an older change never overwrites a newer one.</summary>
public sealed class ProductPriceChangedConsumer(OrdersDbContext db, ILogger<ProductPriceChangedConsumer> logger)
    : InboxConsumer<ProductPriceChanged, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(ProductPriceChanged message, ConsumeContext<ProductPriceChanged> context)
    {
        // A price change that overtook its product's publication waits for it; an older change never wins.
        var entry = await Db.PriceBook.FirstOrDefaultAsync(e => e.ProductId == message.ProductId, context.CancellationToken)
            ?? throw new MessageNotReadyException($"Product {message.ProductId} is not in the price book yet.");
        if (entry.AsOf >= message.OccurredAt) return;
        entry.PriceMad = message.PriceMad;
        entry.AsOf = message.OccurredAt;
    }
}
