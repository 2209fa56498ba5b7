using Tadamon.Messaging;
using Tadamon.Shipping.Infrastructure;

namespace Tadamon.Shipping;

public static class Extensions
{
    public static IHostApplicationBuilder AddShippingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ShippingDbContext>("shippingdb");
        builder.AddMessaging<ShippingDbContext>("shipping", typeof(Extensions).Assembly);
        return builder;
    }
}
