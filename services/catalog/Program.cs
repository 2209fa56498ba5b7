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
app.MapProgrammeApi();
app.MapPhotoRenditions();
app.MapMembersApi();
app.MapTrainedBadgeApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<CatalogDbContext>(async (db, ct) =>
{
    await DemoCatalog.SeedAsync(db, ct);
    await DemoMembers.SeedAsync(db, ct);
})) return;
app.Run();
