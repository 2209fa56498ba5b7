using Microsoft.Extensions.Options;
using Tadamon.Messaging;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Sms;

namespace Tadamon.Notifications;

public static class Extensions
{
    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext>("notificationsdb");
        builder.AddMessaging<NotificationsDbContext>("notifications", typeof(Extensions).Assembly);
        builder.Services.AddOptions<SmsOptions>().BindConfiguration("Sms")
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Sms:MaxAttempts: from 1 to 50")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.PollInterval > TimeSpan.Zero,
                "Sms: the retry delays and the poll interval must be positive, the longest delay no shorter than the first")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Sender) && o.Sender.Length <= 11, "Sms:Sender: 1 to 11 characters")
            .ValidateOnStart();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt one client out
        builder.Services.AddHttpClient<ISmsGateway, SmsGatewayClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<SmsOptions>>().Value.GatewayUrl;
            http.Timeout = TimeSpan.FromSeconds(10);
        })
            // The dispatcher owns retries (back-off with jitter, attempts counted, quiet hours): the service defaults'
            // handler would retry each send again inside one round, holding the batch's rows for half a minute per
            // message while the gateway is down.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<SmsDesk>();
        builder.Services.AddHostedService<SmsDispatcher>();
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
