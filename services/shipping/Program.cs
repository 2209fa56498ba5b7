using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Shipping;
using Tadamon.Shipping.Apis;
using Tadamon.Shipping.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddShippingServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapTrackingApi();
app.MapCourierWebhooksApi();
app.MapShipmentsApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<ShippingDbContext>()) return;
app.Run();
