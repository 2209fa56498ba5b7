using MassTransit;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;

namespace Tadamon.Settlement.IntegrationEvents;

/// <summary>Keeps whose each order is and what its buyer pays: the cooperative a parcel's cash is owed to.</summary>
public sealed class OrderConfirmedConsumer(SettlementDbContext db, SettlementBook book, ILogger<OrderConfirmedConsumer> logger)
    : InboxConsumer<OrderConfirmed, SettlementDbContext>(db, logger)
{
    protected override Task HandleAsync(OrderConfirmed message, ConsumeContext<OrderConfirmed> context) =>
        book.RecordOrderAsync(message.OrderId, message.CooperativeId, message.CashOnDeliveryMad, context.CancellationToken, message.OccurredAt);
}

/// <summary>Learns the parcel's tracking number: the courier's remittances name parcels by it.</summary>
public sealed class ShipmentBookedConsumer(SettlementDbContext db, SettlementBook book, ILogger<ShipmentBookedConsumer> logger)
    : InboxConsumer<ShipmentBooked, SettlementDbContext>(db, logger)
{
    protected override Task HandleAsync(ShipmentBooked message, ConsumeContext<ShipmentBooked> context) =>
        book.RecordBookingAsync(message.ShipmentId, message.OrderId, message.TrackingNumber, context.CancellationToken);
}

/// <summary>Posts the cash the courier collected (see <see cref="SettlementBook.RecordCashCollectedAsync"/>).</summary>
public sealed class CashCollectedConsumer(SettlementDbContext db, SettlementBook book, ILogger<CashCollectedConsumer> logger)
    : InboxConsumer<CashCollected, SettlementDbContext>(db, logger)
{
    protected override Task HandleAsync(CashCollected message, ConsumeContext<CashCollected> context) =>
        book.RecordCashCollectedAsync(message.ShipmentId, message.OrderId, message.AmountMad, message.OccurredAt, context.CancellationToken);
}

/// <summary>A parcel back at its cooperative: nothing owed, cash already recorded reversed.</summary>
public sealed class ShipmentReturnedConsumer(SettlementDbContext db, SettlementBook book, ILogger<ShipmentReturnedConsumer> logger)
    : InboxConsumer<ShipmentReturned, SettlementDbContext>(db, logger)
{
    protected override Task HandleAsync(ShipmentReturned message, ConsumeContext<ShipmentReturned> context) =>
        book.RecordReturnAsync(message.ShipmentId, message.OccurredAt, context.CancellationToken);
}
