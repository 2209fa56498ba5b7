using Tadamon.Catalog;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapProductsApi();

await app.MigrateDatabaseAsync<CatalogDbContext>();
app.Run();
