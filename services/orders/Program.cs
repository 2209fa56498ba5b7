using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Orders;
using Tadamon.Orders.Apis;
using Tadamon.Orders.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrdersServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapPriceBookApi();
app.MapCheckoutApi();
app.MapOrdersApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<OrdersDbContext>()) return;
app.Run();
