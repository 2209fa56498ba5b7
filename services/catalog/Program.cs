using Tadamon.Catalog;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Seeding;
using Tadamon.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCooperativesApi();
app.MapProductsApi();

var seedDemo = app.Configuration.GetValue("Seed:Demo", false);
await app.MigrateDatabaseAsync<CatalogDbContext>(seedDemo ? DemoCatalog.SeedAsync : null);
app.Run();
