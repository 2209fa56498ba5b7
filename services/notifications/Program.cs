using Tadamon.Messaging;
using Tadamon.Messaging.DeadLetters;
using Tadamon.Notifications;
using Tadamon.Notifications.Apis;
using Tadamon.Notifications.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeadLetters();
app.MapSmsSettingsApi();
app.MapSmsMessagesApi();
app.MapSmsWebhooksApi();

// Started as the migration step (--migrate): the database is ready, nothing to serve.
if (await app.MigrateDatabaseAsync<NotificationsDbContext>()) return;
app.Run();
