using Tadamon.Identity;
using Tadamon.Identity.Apis;
using Tadamon.Identity.Infrastructure;
using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTokenApi();
app.MapAccountsApi();
app.MapDeadLetters();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<IdentityDbContext>(DemoAccounts.SeedAsync)) return;
await app.RefusePublishedDemoAccountsInProductionAsync();
app.Run();
