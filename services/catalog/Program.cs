using Tadamon.Catalog;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Seeding;
using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseOutputCache();
app.MapDeadLetters();
app.MapCooperativesApi();
app.MapProductsApi();

await app.MigrateDatabaseAsync<CatalogDbContext>(DemoCatalog.SeedAsync);
app.Run();
