using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;

namespace Tadamon.Orders;

public static class Extensions
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb");
        builder.AddMessaging<OrdersDbContext>("orders", typeof(Extensions).Assembly);
        return builder;
    }
}
