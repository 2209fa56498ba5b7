using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using Tadamon.CourierSandbox;
using Tadamon.Shipping.Courier;
using Tadamon.Shipping.Infrastructure;
using Tadamon.TestSupport;

namespace Tadamon.Shipping.Tests;

/// <summary>Webhook keys: shipping accepts both while the courier rotates from the previous to the current one.</summary>
public static class Keys
{
    public const string Current = "whsec_Y3VycmVudC10ZXN0LWtleS1mb3Itc2hpcHBpbmc=";
    public const string Previous = "whsec_cHJldmlvdXMtdGVzdC1rZXktZm9yLXNoaXBwaW5n";
    public const string Stranger = "whsec_bm90LXRoZS1jb3VyaWVyLWF0LWFsbC1zb3JyeQ==";
}

/// <summary>Shipping in memory; its courier calls go to <see cref="CourierHandler"/> when a test links a sandbox.</summary>
public sealed class ShippingFactory() : ServiceFactory<ShippingDbContext>("shippingdb")
{
    public Func<HttpMessageHandler>? CourierHandler { get; set; }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Courier:BaseUrl", "http://courier.test/");
        builder.UseSetting("Courier:PollInterval", "00:00:00.200");
        builder.UseSetting("Courier:WebhookSecrets:0", Keys.Current);
        builder.UseSetting("Courier:WebhookSecrets:1", Keys.Previous);
        builder.ConfigureTestServices(services => services.AddHttpClient<CourierClient>()
            .ConfigurePrimaryHttpMessageHandler(() => CourierHandler?.Invoke() ?? new HttpClientHandler()));
    }

    /// <summary>Posts a courier webhook signed with <paramref name="key"/> at <paramref name="sentAt"/>.</summary>
    public Task<HttpResponseMessage> WebhookAsync(object payload, string key = Keys.Current, string? id = null, DateTimeOffset? sentAt = null)
    {
        var content = new StandardWebhook(key).MakeHttpContent(payload, id ?? $"msg_{Guid.NewGuid():N}", sentAt ?? DateTimeOffset.UtcNow);
        return CreateClient().PostAsync("/webhooks/courier", content);
    }

    /// <summary>
    /// Waits until the bus has bound its queues (health is green): a message published before that has no queue
    /// to land in and is lost, which would make a test wait for nothing.
    /// </summary>
    public Task ReadyAsync() => Eventually.TrueAsync(async () => (await CreateClient().GetAsync("/health")).IsSuccessStatusCode, "shipping to be healthy");

    public async Task<T> InScopeAsync<T>(Func<ShippingDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShippingDbContext>());
    }
}

/// <summary>The courier sandbox in memory; its clock only moves when a test says tick, its webhooks go to <see cref="ShippingHandler"/>.</summary>
public sealed class SandboxHost : WebApplicationFactory<ParcelStore>
{
    public Func<HttpMessageHandler>? ShippingHandler { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Sandbox:StepInterval", "01:00:00");
        builder.UseSetting("Sandbox:WebhookUrl", "http://shipping.test/webhooks/courier");
        builder.UseSetting("Sandbox:SigningSecret", Keys.Current);
        builder.ConfigureTestServices(services => services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => ShippingHandler?.Invoke() ?? new HttpClientHandler()));
    }

    public async Task TickAsync() => (await CreateClient().PostAsync("/control/tick", null)).EnsureSuccessStatusCode();

    public async Task FaultsAsync(Faults faults) => (await CreateClient().PutAsJsonAsync("/control/faults", faults)).EnsureSuccessStatusCode();
}
