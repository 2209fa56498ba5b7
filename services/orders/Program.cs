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

await app.MigrateDatabaseAsync<OrdersDbContext>();
app.Run();
