using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging.Metrics;

namespace Tadamon.Orders.Infrastructure;

/// <summary>
/// The marketplace on the dashboard: checkouts counted where they commit; orders by status read as a level from
/// the database, because statuses also change in consumers and a level must survive a restart.
/// </summary>
public static class OrdersMetrics
{
    public static readonly Meter Meter = new("Tadamon.Orders");

    public static readonly Counter<long> Checkouts =
        Meter.CreateCounter<long>("tadamon.orders.checkouts", "{checkout}", "Purchases accepted (a retried Idempotency-Key counts once)");

    public static IServiceCollection AddOrdersMetrics(this IServiceCollection services) =>
        services.AddSampledGauge<OrdersDbContext>(Meter, "tadamon.orders.by_status", "{order}", "Orders in each status", "status",
            (db, ct) => SampledGauges.CountByAsync(db.Orders, o => o.Status, ct));
}
