using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Photos;
using Tadamon.Catalog.Stock;
using Tadamon.Messaging;

namespace Tadamon.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogDbContext>("catalogdb");
        builder.AddMessaging<CatalogDbContext>("catalog", typeof(Extensions).Assembly);

        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        builder.Services.AddOptions<StockOptions>().BindConfiguration("Stock");
        builder.Services.AddScoped<StockLedger>();
        builder.AddPhotoStore();
        builder.Services.AddMarketCache(builder.Configuration);
        builder.Services.AddHostedService<ReservationSweeper>();
        return builder;
    }
}
