using MassTransit;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Stock;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;

namespace Tadamon.Catalog.IntegrationEvents;

/// <summary>A returned parcel puts its goods back on sale.</summary>
public sealed class ShipmentReturnedConsumer(CatalogDbContext db, StockLedger ledger, ILogger<ShipmentReturnedConsumer> logger)
    : InboxConsumer<ShipmentReturned, CatalogDbContext>(db, logger)
{
    protected override Task HandleAsync(ShipmentReturned message, ConsumeContext<ShipmentReturned> context) =>
        ledger.RestoreAsync(message.OrderId, context.CancellationToken);
}

/// <summary>
/// Once the courier has the parcel, its reservation must not expire (the goods have left the cooperative); when
/// the courier never took a cancelled parcel (Cancelled), its units go back on sale.
/// </summary>
public sealed class ShipmentPickedUpConsumer(CatalogDbContext db, StockLedger ledger, ILogger<ShipmentPickedUpConsumer> logger)
    : InboxConsumer<ShipmentStatusChanged, CatalogDbContext>(db, logger)
{
    protected override Task HandleAsync(ShipmentStatusChanged message, ConsumeContext<ShipmentStatusChanged> context) =>
        ledger.ShipmentMovedAsync(message.OrderId, message.Status, context.CancellationToken);
}
