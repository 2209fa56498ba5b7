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

await app.MigrateDatabaseAsync<SettlementDbContext>();
app.Run();
