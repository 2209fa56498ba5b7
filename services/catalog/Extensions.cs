using System.Text.Json.Serialization;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Stock;
using Tadamon.Messaging;

namespace Tadamon.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogDbContext>("catalogdb");
        builder.AddMessaging<CatalogDbContext>("catalog", typeof(Extensions).Assembly);

        builder.Services.AddSingleton(TimeProvider.System);
        // The validation source generator only sees endpoints of the assembly that calls AddValidation, so this
        // (besides ServiceDefaults' call) is what turns the DataAnnotations on requests into 400 problem details.
        builder.Services.AddValidation();
        builder.Services.AddOptions<StockOptions>().BindConfiguration("Stock");
        builder.Services.AddScoped<StockLedger>();
        builder.Services.AddHostedService<ReservationSweeper>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
