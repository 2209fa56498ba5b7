using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// A decision on a pre-registration reaches the beneficiary's phone: enrollment's notice crosses the broker to
/// notifications, which texts it through the SMS sandbox in the language the person chose; the sandbox's signed
/// delivery report comes back through the gateway.
/// </summary>
[Collection("platform")]
public sealed class SmsJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task When_a_centre_approves_a_pre_registration_Should_text_the_decision_in_the_beneficiary_s_language()
    {
        var beneficiary = await platform.Accounts.ForAsync($"beneficiary-{Guid.NewGuid():N}", "beneficiary", null);
        var delegation = await platform.Accounts.ForAsync("delegation-sms", "operator", null);
        var phone = "+2127" + Random.Shared.Next(10_000_000, 99_999_999);
        var settings = await SendAsync(HttpMethod.Put, "/api/notifications/me/sms", beneficiary, new { phone, language = "fr", smsEnabled = true });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        var course = Microsoft.Extensions.Hosting.DemoIds.Of("course:computer-basics");
        await Eventually.TrueAsync(async () => (await platform.Gateway.GetAsync($"/api/enrollment/courses/{course}/seats")).IsSuccessStatusCode,
            "enrollment to know the demo course");
        var pre = await SendAsync(HttpMethod.Post, "/api/enrollment/pre-registrations", beneficiary,
            new { courseId = course, fullName = "Khadija Ait Lahcen", dateOfBirth = "1990-03-02", phone = "0611223344", accessibilityNeeds = "None" });
        Assert.Equal(HttpStatusCode.Created, pre.StatusCode);
        var preId = (await pre.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var approved = await SendAsync(HttpMethod.Post, $"/api/enrollment/pre-registrations/{preId}/approve", delegation, new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        using var sandbox = platform.App.CreateHttpClient("sms-sandbox", "http");
        var received = await Eventually.GetAsync(async () =>
            (await sandbox.GetFromJsonAsync<List<JsonElement>>($"/control/messages?to={Uri.EscapeDataString(phone)}"))!
                .SingleOrDefault(m => m.GetProperty("status").GetString() == "delivered") is { ValueKind: JsonValueKind.Object } m ? (object)m : null,
            "the decision's SMS to be delivered", TimeSpan.FromSeconds(60));
        var sms = (JsonElement)received;
        Assert.StartsWith("Tadamon: Votre pré-inscription à « Initiation à l'informatique » est acceptée", sms.GetProperty("text").GetString());
        Assert.Equal("TADAMON", sms.GetProperty("sender").GetString());

        // The delivery report came back through the gateway, signed: the operator's list shows it delivered.
        var operatorView = await Eventually.GetAsync(async () =>
        {
            var page = await (await SendAsync(HttpMethod.Get, $"/api/notifications/sms?personId={beneficiary.Id}", delegation)).Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            return items.Count == 1 && items[0].GetProperty("state").GetString() == "Delivered" ? (object)items[0] : null;
        }, "the delivery report to be applied");
        Assert.Equal(1, ((JsonElement)operatorView).GetProperty("attempts").GetInt32());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, PlatformAccounts.Session who, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.As(who);
        var response = await platform.Gateway.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
