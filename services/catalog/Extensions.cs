using Tadamon.Catalog.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogDbContext>("catalogdb");
        builder.AddMessaging<CatalogDbContext>("catalog", typeof(Extensions).Assembly);
        return builder;
    }
}
