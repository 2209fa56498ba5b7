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

await app.MigrateDatabaseAsync<IdentityDbContext>(DemoAccounts.SeedAsync);
await app.RefusePublishedDemoAccountsInProductionAsync();
app.Run();
