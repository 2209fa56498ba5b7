using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.IntegrationEvents;

/// <summary>Keeps the local price book in step with catalog; late, older events are ignored.</summary>
public sealed class ProductPublishedConsumer(OrdersDbContext db, ILogger<ProductPublishedConsumer> logger)
    : InboxConsumer<ProductPublished, OrdersDbContext>(db, logger)
{
    protected override async Task HandleAsync(ProductPublished message, ConsumeContext<ProductPublished> context)
    {
        var entry = await Db.PriceBook.FirstOrDefaultAsync(e => e.ProductId == message.ProductId, context.CancellationToken);
        if (entry is null)
        {
            Db.PriceBook.Add(new PriceBookEntry
            {
                ProductId = message.ProductId,
                CooperativeId = message.CooperativeId,
                NameAr = message.NameAr,
                NameFr = message.NameFr,
                Unit = message.Unit,
                PriceMad = message.PriceMad,
                AsOf = message.OccurredAt,
            });
            return;
        }
        if (entry.AsOf >= message.OccurredAt) return;

        entry.CooperativeId = message.CooperativeId;
        entry.NameAr = message.NameAr;
        entry.NameFr = message.NameFr;
        entry.Unit = message.Unit;
        entry.PriceMad = message.PriceMad;
        entry.AsOf = message.OccurredAt;
    }
}
