using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Settlement;
using Tadamon.Settlement.Apis;
using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSettlementServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapRemittanceWebhooksApi();
app.MapLedgerApi();
app.MapDiscrepanciesApi();
app.MapPayoutsApi();
app.MapImpactApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<SettlementDbContext>((db, ct) =>
        DemoSales.SeedAsync(db, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Tadamon.Settlement.Ledger.SettlementOptions>>(), ct)))
    return;
app.Run();
