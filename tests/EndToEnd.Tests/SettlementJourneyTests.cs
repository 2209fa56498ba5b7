using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The cooperatives' money end to end, through the gateway (the courier sandbox's control panel plays the courier):
/// purchases delivered or returned, a faulty remittance, the operator's reconciliation, payouts to the cent.
/// </summary>
[Collection("platform")]
public sealed class SettlementJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
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
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<JsonElement> AsOperatorAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(method, url, "operator", "operator", body: body, expected: expected);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what) where T : struct
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(250);
        }
    }

    private async Task<(Guid Cooperative, Guid Product)> SellerAsync(string nameFr, decimal price)
    {
        var cooperative = (await SendAsync(HttpMethod.Post, "/api/catalog/cooperatives", "buyer", "applicant-" + nameFr, body: new
        {
            nameAr = "تعاونية " + nameFr, nameFr, region = "oriental", province = "Berkane", type = "Women", contactPhone = "0536000000",
        }, expected: HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AsOperatorAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/verify");
        var product = (await SendAsync(HttpMethod.Post, "/api/catalog/products", "cooperative-manager", "manager", cooperative, new
        {
            cooperativeId = cooperative, nameAr = "منتج " + nameFr, nameFr = "Produit " + nameFr, category = "honey", unit = "kg", priceMad = price, stock = 20,
        }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SendAsync(HttpMethod.Post, $"/api/catalog/products/{product}/publish", "cooperative-manager", "manager", cooperative);
        await EventuallyAsync<bool>(async () => (await Gateway.GetAsync($"/api/orders/price-book/{product}")).IsSuccessStatusCode ? true : null, "the price book");
        return (cooperative, product);
    }

    /// <summary>One purchase of one product, confirmed, booked and marked ready; returns the order.</summary>
    private async Task<JsonElement> PurchaseAsync(string buyer, Guid product, int quantity)
    {
        var order = (await SendAsync(HttpMethod.Post, "/api/orders/checkout", "buyer", buyer, body: new
        {
            lines = new[] { new { productId = product, quantity } },
            address = new { recipientName = "Khadija", phone = "0612345678", region = "oriental", city = "Oujda", street = "3 rue Zerktouni" },
        }, expected: HttpStatusCode.Created, idempotencyKey: $"settle-{Guid.NewGuid():N}")).GetProperty("orders")[0];
        var id = order.GetProperty("id").GetGuid();
        var booked = await OrderWhenAsync(buyer, id, o => Status(o) == "Confirmed" && o.GetProperty("trackingNumber").GetString() is not null, "booked");
        await SendAsync(HttpMethod.Post, $"/api/orders/{id}/ready", "cooperative-manager", "manager", booked.GetProperty("cooperativeId").GetGuid());
        return booked;
    }

    private Task<JsonElement> OrderWhenAsync(string buyer, Guid id, Func<JsonElement, bool> condition, string what) =>
        EventuallyAsync<JsonElement>(async () => await SendAsync(HttpMethod.Get, $"/api/orders/{id}", "buyer", buyer) is var o && condition(o) ? o : null,
            $"order {id}: {what}");

    private static string? Status(JsonElement order) => order.GetProperty("status").GetString();
    private static string Tracking(JsonElement order) => order.GetProperty("trackingNumber").GetString()!;

    private async Task<JsonElement> CourierAsync(string path)
    {
        using var courier = platform.App.CreateHttpClient("courier-sandbox", "http");
        using var response = await courier.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> BalanceAsync(Guid cooperative) =>
        await SendAsync(HttpMethod.Get, $"/api/settlement/cooperatives/{cooperative}/balance", "cooperative-manager", "manager", cooperative);

    [Fact]
    public async Task When_a_remittance_is_short_and_forgets_a_parcel_Should_flag_both_and_pay_each_cooperative_exactly_its_net()
    {
        var (first, honey) = await SellerAsync("Nahla", 120.00m);
        var (second, couscous) = await SellerAsync("Baraka", 45.50m);

        var delivered = await PurchaseAsync("buyer-settle-1", honey, 2);     // 240.00 for the first cooperative
        var other = await PurchaseAsync("buyer-settle-2", couscous, 3);      // 136.50 for the second
        var returned = await PurchaseAsync("buyer-settle-3", honey, 1);      // 120.00, never delivered
        await CourierAsync($"/control/parcels/{Tracking(returned)}/fail-delivery");

        await OrderWhenAsync("buyer-settle-1", delivered.GetProperty("id").GetGuid(), o => o.GetProperty("isPaid").GetBoolean(), "paid");
        await OrderWhenAsync("buyer-settle-2", other.GetProperty("id").GetGuid(), o => o.GetProperty("isPaid").GetBoolean(), "paid");
        await OrderWhenAsync("buyer-settle-3", returned.GetProperty("id").GetGuid(), o => Status(o) == "Returned", "returned");
        // Settlement has the cash of both delivered parcels (the agency pays the courier's fee: nets are the totals).
        await EventuallyAsync<bool>(async () => (await BalanceAsync(first)).GetProperty("owedMad").GetDecimal() == 240.00m ? true : null, "the first cooperative's cash");
        await EventuallyAsync<bool>(async () => (await BalanceAsync(second)).GetProperty("owedMad").GetDecimal() == 136.50m ? true : null, "the second cooperative's cash");

        // The courier remits 10 MAD short on one parcel and forgets the other.
        await CourierAsync($"/control/remittances/faults/wrong-amount?tracking={Tracking(delivered)}");
        await CourierAsync($"/control/remittances/faults/forget?tracking={Tracking(other)}");
        var statement = await CourierAsync("/control/remittances/send");
        Assert.DoesNotContain(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("trackingNumber").GetString() == Tracking(returned));

        var mine = new[] { Tracking(delivered), Tracking(other), Tracking(returned) };
        var found = await EventuallyAsync<JsonElement>(async () =>
        {
            var page = await AsOperatorAsync(HttpMethod.Get, "/api/settlement/discrepancies?pageSize=100");
            var hits = page.GetProperty("items").EnumerateArray().Where(d => mine.Contains(d.GetProperty("trackingNumber").GetString())).ToList();
            return hits.Count >= 2 ? JsonSerializer.SerializeToElement(hits) : null;
        }, "the remittance's discrepancies");
        var discrepancies = found.EnumerateArray().OrderBy(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal([("amount-mismatch", Tracking(delivered), 10.00m), ("missing-from-remittance", Tracking(other), 136.50m)],
            discrepancies.Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("trackingNumber").GetString(), d.GetProperty("outstandingMad").GetDecimal())));

        // The operator has the courier pay both by transfer.
        foreach (var d in discrepancies)
        {
            await AsOperatorAsync(HttpMethod.Post, $"/api/settlement/discrepancies/{d.GetProperty("id").GetGuid()}/resolve",
                new { action = "settle", transferReference = $"VIR-{d.GetProperty("kind").GetString()}" });
        }

        // Payouts for everything collected up to today; each cooperative gets exactly its net.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca")).DateTime);
        var batch = await AsOperatorAsync(HttpMethod.Post, "/api/settlement/payouts/batches", new { periodEnd = today }, HttpStatusCode.Created);
        var payouts = batch.GetProperty("payouts").EnumerateArray().ToList();
        var toFirst = payouts.Single(p => p.GetProperty("cooperativeId").GetGuid() == first);
        var toSecond = payouts.Single(p => p.GetProperty("cooperativeId").GetGuid() == second);
        Assert.Equal((240.00m, 1), (toFirst.GetProperty("amountMad").GetDecimal(), toFirst.GetProperty("parcelCount").GetInt32()));
        Assert.Equal((136.50m, 1), (toSecond.GetProperty("amountMad").GetDecimal(), toSecond.GetProperty("parcelCount").GetInt32()));
        foreach (var payout in payouts)
        {
            await AsOperatorAsync(HttpMethod.Post, $"/api/settlement/payouts/{payout.GetProperty("id").GetGuid()}/paid", new { transferReference = $"CIH-{payout.GetProperty("id").GetGuid():N}"[..30] });
        }
        _ = await AsOperatorAsync(HttpMethod.Post, $"/api/settlement/payouts/{toFirst.GetProperty("id").GetGuid()}/paid", new { transferReference = "CIH-another" }, HttpStatusCode.Conflict);

        Assert.Equal(0m, (await BalanceAsync(first)).GetProperty("owedMad").GetDecimal());
        Assert.Equal(0m, (await BalanceAsync(second)).GetProperty("owedMad").GetDecimal());
        // Each manager sees their own statement, never the other's.
        await SendAsync(HttpMethod.Get, $"/api/settlement/payouts/{toFirst.GetProperty("id").GetGuid()}", "cooperative-manager", "manager", first);
        await SendAsync(HttpMethod.Get, $"/api/settlement/payouts/{toSecond.GetProperty("id").GetGuid()}", "cooperative-manager", "manager", first, expected: HttpStatusCode.NotFound);
        var ledger = await AsOperatorAsync(HttpMethod.Get, "/api/settlement/accounts");
        Assert.Equal(0m, ledger.GetProperty("totalMad").GetDecimal());
        Assert.True(ledger.GetProperty("balanced").GetBoolean());
    }

    [Fact]
    public async Task When_someone_posts_a_remittance_unsigned_Should_refuse_it()
    {
        using var response = await Gateway.PostAsJsonAsync("/webhooks/courier/remittances", new { transferReference = "VIR-FAKE", collectedUntil = DateTimeOffset.UtcNow, lines = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
