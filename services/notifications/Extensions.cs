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
        builder.Services.AddHttpClient<ISmsGateway, SmsGatewayClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<SmsOptions>>().Value.GatewayUrl;
        });
        builder.Services.AddScoped<SmsDesk>();
        builder.Services.AddHostedService<SmsDispatcher>();
        // The validation source generator only sees the request types of the project that calls AddValidation.
        builder.Services.AddValidation();
        return builder;
    }
}
