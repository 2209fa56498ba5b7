using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The Tathmine programme end to end, through the gateway: an operator enrols a seller in a value chain and records a
/// support action; a buyer's parcel is delivered and paid; the impact figures, their CSV and the public profile show it.
/// </summary>
[Collection("platform")]
public sealed class TathmineJourneyTests(PlatformFixture platform)
{
    private const string Region = "guelmim-oued-noun", Chain = "cactus";
    private HttpClient Gateway => platform.Gateway;

    private async Task<JsonElement> SendAsync(HttpMethod method, string url, string role, string user, Guid? scope = null, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.As(await platform.Accounts.ForAsync(user, role, scope));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 || !text.StartsWith('{') && !text.StartsWith('[') ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<JsonElement> AsOperatorAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(method, url, "operator", "operator", body: body, expected: expected);

    /// <summary>This month's delivered income of the cactus members of Guelmim-Oued Noun, as the impact figures say.</summary>
    private async Task<decimal> MemberIncomeAsync(string month)
    {
        var report = await AsOperatorAsync(HttpMethod.Get, $"/api/settlement/impact?valueChain={Chain}&region={Region}");
        return report.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("member").GetBoolean() && r.GetProperty("month").GetString()!.StartsWith(month, StringComparison.Ordinal))
            .Sum(r => r.GetProperty("deliveredIncomeMad").GetDecimal());
    }

    [Fact]
    public async Task When_a_member_sells_after_a_support_action_Should_show_in_the_impact_figures_and_on_its_public_profile()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = today.ToString("yyyy-MM");
        var cooperative = (await SendAsync(HttpMethod.Post, "/api/catalog/cooperatives", "buyer", "applicant-tathmine", body: new
        {
            nameAr = "تعاونية أكنين للصبار", nameFr = "Coopérative Aknin du cactus", region = Region, province = "Guelmim", type = "Youth",
            sellerType = "Cooperative", productFamilies = new[] { "cactus" }, contactPhone = "0528000999",
        }, expected: HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AsOperatorAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/verify");
        await AsOperatorAsync(HttpMethod.Put, $"/api/catalog/cooperatives/{cooperative}/programme",
            new { valueChain = Chain, joinedOn = today.AddDays(-30), weakLinks = new[] { "certification" }, diagnosisNote = "Sans certification." },
            HttpStatusCode.Created);
        var action = (await AsOperatorAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/programme/support-actions",
            new { kind = "TechnicalSupport", on = today, costMad = 12000m, notes = "Dossier de certification" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var before = await MemberIncomeAsync(month);

        var product = (await SendAsync(HttpMethod.Post, "/api/catalog/products", "cooperative-manager", "manager-aknin", cooperative, new
        {
            cooperativeId = cooperative, nameAr = "زيت بذور الصبار", nameFr = "Huile de pépins de figue de Barbarie", category = Chain, unit = "ml",
            priceMad = 175.25m, stock = 10,
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SendAsync(HttpMethod.Post, $"/api/catalog/products/{product}/publish", "cooperative-manager", "manager-aknin", cooperative);
        await Eventually.TrueAsync(async () => (await Gateway.GetAsync($"/api/orders/price-book/{product}")).IsSuccessStatusCode, "the price book", TimeSpan.FromSeconds(120));
        var order = (await SendAsync(HttpMethod.Post, "/api/orders/checkout", "buyer", "buyer-tathmine", body: new
        {
            lines = new[] { new { productId = product, quantity = 2 } },
            address = new { recipientName = "Mbarka", phone = "0612345678", region = Region, city = "Guelmim", street = "5 avenue Hassan II" },
        }, expected: HttpStatusCode.Created, idempotencyKey: $"tathmine-{Guid.NewGuid():N}")).GetProperty("orders")[0].GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/orders/{order}", "buyer", "buyer-tathmine")).GetProperty("trackingNumber").ValueKind == JsonValueKind.String,
            "the parcel to be booked", TimeSpan.FromSeconds(120));
        await SendAsync(HttpMethod.Post, $"/api/orders/{order}/ready", "cooperative-manager", "manager-aknin", cooperative);

        // Delivered and paid by the courier sandbox: 2 × 175.25 credited to a member, in this month and after the action.
        await Eventually.TrueAsync(async () => await MemberIncomeAsync(month) == before + 350.50m, "the delivered income in the impact figures", TimeSpan.FromSeconds(150));
        var report = await AsOperatorAsync(HttpMethod.Get, $"/api/settlement/impact?valueChain={Chain}&region={Region}&windowDays=30");
        var mine = report.GetProperty("supportActions").EnumerateArray().Single(a => a.GetProperty("supportActionId").GetGuid() == action);
        Assert.Equal((0m, 350.50m), (mine.GetProperty("incomeBeforeMad").GetDecimal(), mine.GetProperty("incomeAfterMad").GetDecimal()));

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/settlement/impact/csv?valueChain={Chain}&region={Region}");
        csvRequest.As(await platform.Accounts.ForAsync("operator", "operator"));
        using var csv = await Gateway.SendAsync(csvRequest);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{Chain},{Region},{month},yes,", await csv.Content.ReadAsStringAsync());
        await SendAsync(HttpMethod.Get, "/api/settlement/impact", "cooperative-manager", "manager-aknin", cooperative, expected: HttpStatusCode.Forbidden);

        // The public sees the programme and the value chain, not the diagnosis nor what the support cost.
        var profile = await Gateway.GetStringAsync($"/api/catalog/cooperatives/{cooperative}");
        var programme = JsonDocument.Parse(profile).RootElement.GetProperty("programme");
        Assert.Equal(("tathmine", Chain), (programme.GetProperty("code").GetString(), programme.GetProperty("valueChain").GetString()));
        Assert.DoesNotContain("certification", profile);
        Assert.DoesNotContain("12000", profile);
    }
}
