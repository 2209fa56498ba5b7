using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging.Metrics;

namespace Tadamon.Shipping.Infrastructure;

/// <summary>Parcels and cash on the dashboard, read as levels from shipping's database (see <see cref="SampledGauges"/>).</summary>
public static class ShippingMetrics
{
    public static readonly Meter Meter = new("Tadamon.Shipping");

    public static IServiceCollection AddShippingMetrics(this IServiceCollection services) => services
        .AddSampledGauge<ShippingDbContext>(Meter, "tadamon.shipping.by_status", "{shipment}", "Shipments in each status", "status",
            (db, ct) => SampledGauges.CountByAsync(db.Shipments, s => s.Status, ct))
        .AddSampledGauge<ShippingDbContext>(Meter, "tadamon.shipping.cash_collected", "MAD", "Cash the courier collected on delivery, to date (whole dirhams)", null,
            async (db, ct) => [new Reading(null, (long)(await db.Shipments.SumAsync(s => s.CashCollectedMad ?? 0m, ct)))]);
}
