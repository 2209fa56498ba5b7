using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;

namespace Tadamon.Orders;

public static class Extensions
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb");
        builder.AddMessaging<OrdersDbContext>("orders", typeof(Extensions).Assembly);
        builder.Services.AddOrdersMetrics();
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
