using MassTransit;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Stock;
using Tadamon.Contracts.Orders;
using Tadamon.Messaging;

namespace Tadamon.Catalog.IntegrationEvents;

/// <summary>A new order asks for stock: all its lines are reserved, or none and the order is rejected.</summary>
public sealed class OrderPlacedConsumer(CatalogDbContext db, StockLedger ledger, ILogger<OrderPlacedConsumer> logger)
    : InboxConsumer<OrderPlaced, CatalogDbContext>(db, logger)
{
    protected override Task HandleAsync(OrderPlaced message, ConsumeContext<OrderPlaced> context) =>
        ledger.ReserveAsync(message, context.CancellationToken);

    /// <summary>
    /// A purchase's orders (and other buyers') reserved in one transaction: every product the batch wants is locked
    /// first, in one query and in id order, so a batch never deadlocks with another or with the sweeper; each order
    /// then takes its share or is refused on its own.
    /// </summary>
    protected override async Task HandleBatchAsync(IReadOnlyList<ConsumeContext<OrderPlaced>> messages, CancellationToken ct)
    {
        if (messages.Count > 1) await ledger.LockProductsAsync(messages.SelectMany(m => m.Message.Lines.Select(l => l.ProductId)).Distinct(), ct);
        foreach (var message in messages)
        {
            using (MessageTrace.Of(message)) await ledger.ReserveAsync(message.Message, ct);
        }
    }
}

/// <summary>A cancelled order's units go back on sale, or wait for the parcel when the courier may have it.</summary>
public sealed class OrderCancelledConsumer(CatalogDbContext db, StockLedger ledger, ILogger<OrderCancelledConsumer> logger)
    : InboxConsumer<OrderCancelled, CatalogDbContext>(db, logger)
{
    protected override Task HandleAsync(OrderCancelled message, ConsumeContext<OrderCancelled> context) =>
        ledger.CancelledAsync(message, context.CancellationToken);
}

/// <summary>A delivered order's units are sold for good.</summary>
public sealed class OrderDeliveredConsumer(CatalogDbContext db, StockLedger ledger, ILogger<OrderDeliveredConsumer> logger)
    : InboxConsumer<OrderDelivered, CatalogDbContext>(db, logger)
{
    protected override Task HandleAsync(OrderDelivered message, ConsumeContext<OrderDelivered> context) =>
        ledger.CommitAsync(message.OrderId, context.CancellationToken);
}
