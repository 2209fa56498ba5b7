using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tadamon.Contracts.Enrollment;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;
using Tadamon.Notifications.Sms;
using Tadamon.SmsSandbox;
using Tadamon.TestSupport;

namespace Tadamon.Notifications.Tests;

public static class Keys
{
    public const string Gateway = "whsec_c21zLWdhdGV3YXktdGVzdC1rZXktZm9yLXRhZGFtb24=";
    public const string Stranger = "whsec_bm90LXRoZS1jb3VyaWVyLWF0LWFsbC1zb3JyeQ==";
}

/// <summary>
/// A clock the tests set, which then runs on at the real pace (retries and report delays still elapse). It starts at
/// 10:00 UTC today, daytime in Casablanca, so tests that do not care about quiet hours never meet them.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset = DateTimeOffset.UtcNow.UtcDateTime.Date.AddHours(10) - DateTimeOffset.UtcNow.UtcDateTime;

    public void Set(DateTimeOffset now) => _offset = now - base.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}

/// <summary>
/// Notifications in memory, texting through a real SMS sandbox in memory (<see cref="Sandbox"/>), whose delivery
/// reports and phone replies come back to notifications' own webhooks, signed. Retries are fast: 200 ms first, 3 attempts.
/// </summary>
public sealed class NotificationsFactory() : ServiceFactory<NotificationsDbContext>("notificationsdb")
{
    public SmsSandboxHost Sandbox { get; } = new();
    public TestClock Clock { get; } = new();

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Sms:GatewayUrl", "http://sms.test/");
        builder.UseSetting("Sms:WebhookSecrets:0", Keys.Gateway);
        builder.UseSetting("Sms:FirstRetryDelay", "00:00:00.200");
        builder.UseSetting("Sms:MaxRetryDelay", "00:00:00.500");
        builder.UseSetting("Sms:MaxAttempts", "3");
        builder.UseSetting("Sms:PollInterval", "00:00:00.100");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient<ISmsGateway, SmsGatewayClient>().ConfigurePrimaryHttpMessageHandler(() => Sandbox.Server.CreateHandler());
        });
        // The sandbox's callbacks come back here.
        Sandbox.NotificationsHandler = () => Server.CreateHandler();
    }

    public override async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await base.DisposeAsync();
    }

    public IBus Bus => Services.GetRequiredService<IBus>();

    /// <summary>The services' JSON: states travel as names.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public HttpClient As(string role, string user) => CreateClient().ActingAs(user, role);

    public HttpClient Operator => As(Roles.Operator, "operator");

    public Task ReadyAsync() => Eventually.TrueAsync(async () => (await CreateClient().GetAsync("/health")).IsSuccessStatusCode, "notifications to be healthy");

    public async Task<T> InScopeAsync<T>(Func<NotificationsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public Task<List<SmsMessage>> SmsForAsync(Guid notificationId) =>
        InScopeAsync(db => db.SmsMessages.AsNoTracking().Where(m => m.NotificationId == notificationId).ToListAsync());

    /// <summary>Waits until the notification's SMS reaches <paramref name="state"/>, and returns it.</summary>
    public Task<SmsMessage> SmsInStateAsync(Guid notificationId, SmsState state, TimeSpan? timeout = null) =>
        Eventually.GetAsync(async () => (await SmsForAsync(notificationId)).SingleOrDefault(m => m.State == state),
            $"the SMS of {notificationId} to be {state}", timeout);

    /// <summary>A beneficiary with a mobile and a language set on their profile (SMS on).</summary>
    public async Task<(string Person, string Phone)> BeneficiaryAsync(string language = "fr", bool smsEnabled = true)
    {
        var person = Guid.NewGuid().ToString();
        var phone = "+2126" + Random.Shared.Next(10_000_000, 99_999_999);
        var response = await As(Roles.Beneficiary, person).PutAsJsonAsync("/me/sms", new { phone, language, smsEnabled });
        response.EnsureSuccessStatusCode();
        return (person, phone);
    }

    public static BeneficiaryNotified Decision(string person, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), person, "DecisionMade", Guid.NewGuid(),
            "تم قبول تسجيلكم القبلي في «الطبخ»: مقعدكم محجوز.", "Votre pré-inscription à « Cuisine » est acceptée : votre place est réservée.");
}

/// <summary>The SMS sandbox in memory: delivery reports after 100 ms, callbacks to <see cref="NotificationsHandler"/>.</summary>
public sealed class SmsSandboxHost : WebApplicationFactory<Handset>
{
    public Func<HttpMessageHandler>? NotificationsHandler { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Sandbox:ReportDelay", "00:00:00.100");
        builder.UseSetting("Sandbox:DeliveryReportUrl", "http://notifications.test/webhooks/sms/delivery-reports");
        builder.UseSetting("Sandbox:InboundUrl", "http://notifications.test/webhooks/sms/replies");
        builder.UseSetting("Sandbox:SigningSecret", Keys.Gateway);
        builder.ConfigureTestServices(services => services.AddHttpClient(CallbackSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => NotificationsHandler?.Invoke() ?? new HttpClientHandler()));
    }

    public async Task FaultsAsync(Faults faults) => (await CreateClient().PutAsJsonAsync("/control/faults", faults)).EnsureSuccessStatusCode();

    /// <summary>What the gateway accepted for one phone, oldest first.</summary>
    public async Task<List<ReceivedSms>> ReceivedAsync(string phone) =>
        (await CreateClient().GetFromJsonAsync<List<ReceivedSms>>($"/control/messages?to={Uri.EscapeDataString(phone)}"))!;

    public async Task ReplyAsync(string from, string text) =>
        (await CreateClient().PostAsJsonAsync("/control/replies", new { from, text })).EnsureSuccessStatusCode();
}
