using System.Text.Json.Serialization;
using Tadamon.Messaging;
using Tadamon.Orders.Infrastructure;

namespace Tadamon.Orders;

public static class Extensions
{
    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb");
        builder.AddMessaging<OrdersDbContext>("orders", typeof(Extensions).Assembly);
        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees endpoints of the assembly that calls AddValidation, so this
        // (besides ServiceDefaults' call) is what turns the DataAnnotations on requests into 400 problem details.
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
