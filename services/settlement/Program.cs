using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Settlement;
using Tadamon.Settlement.Apis;
using Tadamon.Settlement.Infrastructure;

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
if (await app.MigrateDatabaseAsync<SettlementDbContext>()) return;
app.Run();
