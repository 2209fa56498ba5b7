using Microsoft.Extensions.Options;
using Tadamon.Messaging;
using Tadamon.Shipping.Courier;
using Tadamon.Shipping.Infrastructure;

namespace Tadamon.Shipping;

public static class Extensions
{
    public static IHostApplicationBuilder AddShippingServices(this IHostApplicationBuilder builder)
    {
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddServiceDatabase<ShippingDbContext>("shippingdb");
        builder.AddMessaging<ShippingDbContext>("shipping", typeof(Extensions).Assembly);
        builder.Services.AddShippingMetrics();

        builder.Services.AddOptions<CourierOptions>().BindConfiguration("Courier");
        // Typed client; retries, timeouts and the circuit breaker come from the service defaults' resilience handler.
        builder.Services.AddHttpClient<CourierClient>((sp, http) =>
            http.BaseAddress = sp.GetRequiredService<IOptions<CourierOptions>>().Value.BaseUrl);
        builder.Services.AddHostedService<CourierWorker>();
        builder.Services.AddSingleton<CourierWebhookApplier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CourierWebhookApplier>());
        builder.Services.AddSingleton<Tadamon.Messaging.DeadLetters.IParkedMessages, ParkedCourierWebhooks>();
        builder.Services.AddSingleton(new RetentionTarget("courier_webhooks", "applied_at"));
        return builder;
    }
}
