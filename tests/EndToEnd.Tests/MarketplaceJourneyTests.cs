using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The marketplace as buyers, cooperatives and the courier live it, through the gateway only (the courier sandbox's
/// control panel is the one exception: it plays the courier's side). Parcels move on the sandbox's own clock.
/// </summary>
[Collection("platform")]
public sealed class MarketplaceJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private HttpClient Gateway => platform.Gateway;

    /// <summary>A request from the account standing for that user, role and scope.</summary>
    private async Task<HttpRequestMessage> AsAsync(HttpMethod method, string url, string role, string user, Guid? scope = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        return request.As(await platform.Accounts.ForAsync(user, role, scope));
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

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

    /// <summary>A cooperative applies, an operator verifies it, its manager publishes one product with the given stock.</summary>
    private async Task<(Guid Cooperative, Guid Product)> CooperativeSellingAsync(string nameFr, string productFr, decimal price, int stock)
    {
        var cooperative = (await SendAsync(await AsAsync(HttpMethod.Post, "/api/catalog/cooperatives", "buyer", "applicant", body: new
        {
            nameAr = "تعاونية " + nameFr, nameFr, region = "souss-massa", province = "Taroudant", type = "Women", contactPhone = "0528000000",
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SendAsync(await AsAsync(HttpMethod.Post, $"/api/catalog/cooperatives/{cooperative}/verify", "operator", "operator"));
        var product = (await SendAsync(await AsAsync(HttpMethod.Post, "/api/catalog/products", "cooperative-manager", "manager", cooperative, new
        {
            cooperativeId = cooperative, nameAr = "منتج " + productFr, nameFr = productFr, category = "argan-oil", unit = "litre", priceMad = price, stock,
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await SendAsync(await AsAsync(HttpMethod.Post, $"/api/catalog/products/{product}/publish", "cooperative-manager", "manager", cooperative));
        // Orders prices from its own price book, filled by catalog's ProductPublished.
        await EventuallyAsync<bool>(async () => (await Gateway.GetAsync($"/api/orders/price-book/{product}")).IsSuccessStatusCode ? true : null, "the price book");
        return (cooperative, product);
    }

    private async Task<JsonElement[]> CheckoutAsync(string buyer, params (Guid Product, int Quantity)[] lines)
    {
        var request = await AsAsync(HttpMethod.Post, "/api/orders/checkout", "buyer", buyer, body: new
        {
            lines = lines.Select(l => new { productId = l.Product, quantity = l.Quantity }),
            address = new { recipientName = "Fatima Zahra", phone = "0612345678", region = "casablanca-settat", city = "Casablanca", street = "12 rue des Oudayas" },
        });
        request.Headers.Add("Idempotency-Key", $"journey-{Guid.NewGuid():N}");
        return [.. (await SendAsync(request, HttpStatusCode.Created)).GetProperty("orders").EnumerateArray()];
    }

    private async Task<JsonElement> OrderAsync(string buyer, Guid id) => await SendAsync(await AsAsync(HttpMethod.Get, $"/api/orders/{id}", "buyer", buyer));

    private Task<JsonElement> WaitForOrderAsync(string buyer, Guid id, Func<JsonElement, bool> condition, string what) =>
        EventuallyAsync<JsonElement>(async () => await OrderAsync(buyer, id) is var o && condition(o) ? o : null, $"order {id}: {what}");

    private async Task<int> StockAsync(Guid product) =>
        (await SendAsync(await AsAsync(HttpMethod.Get, $"/api/catalog/products/{product}", "operator", "operator"))).GetProperty("stockAvailable").GetInt32();

    private async Task ReadyAsync(JsonElement order)
    {
        var id = order.GetProperty("id").GetGuid();
        var cooperative = order.GetProperty("cooperativeId").GetGuid();
        await SendAsync(await AsAsync(HttpMethod.Post, $"/api/orders/{id}/ready", "cooperative-manager", "manager", cooperative));
    }

    private static bool Is(JsonElement order, string status) => order.GetProperty("status").GetString() == status;

    private async Task CourierFaultsAsync(object faults)
    {
        using var courier = platform.App.CreateHttpClient("courier-sandbox", "http");
        (await courier.PutAsJsonAsync("/control/faults", faults)).EnsureSuccessStatusCode();
    }

    /// <summary>The recipient will not be home: this parcel (and only this one) fails at the door.</summary>
    private async Task FailDeliveryAsync(string trackingNumber)
    {
        using var courier = platform.App.CreateHttpClient("courier-sandbox", "http");
        (await courier.PostAsync($"/control/parcels/{trackingNumber}/fail-delivery", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task When_the_platform_starts_Should_offer_the_demo_catalogue_priced_in_orders()
    {
        var argan = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products?q=" + Uri.EscapeDataString("زيت اركان") + "&pageSize=5"));
        var regions = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/catalog/cooperatives?pageSize=50"));

        var first = argan.GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid();
        Assert.True(regions.GetProperty("total").GetInt32() >= 24, "a few dozen demo cooperatives");
        Assert.True(regions.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("region").GetString()).Distinct().Count() >= 10,
            "demo cooperatives across the regions");
        await EventuallyAsync<bool>(async () => (await Gateway.GetAsync($"/api/orders/price-book/{first}")).IsSuccessStatusCode ? true : null,
            "the demo product in orders' price book");
    }

    [Fact]
    public async Task When_a_buyer_buys_from_two_cooperatives_Should_see_both_orders_delivered_and_paid()
    {
        await CourierFaultsAsync(new { duplicates = true });
        var argan = await CooperativeSellingAsync("Tifawine", "Huile d'argan", 320m, stock: 10);
        var amlou = await CooperativeSellingAsync("Amal", "Amlou", 85m, stock: 10);

        var orders = await CheckoutAsync("buyer-journey", (argan.Product, 2), (amlou.Product, 3));

        Assert.Equal(2, orders.Length);
        foreach (var order in orders)
        {
            var confirmed = await WaitForOrderAsync("buyer-journey", order.GetProperty("id").GetGuid(), o => Is(o, "Confirmed"), "confirmed");
            await ReadyAsync(confirmed);
        }
        foreach (var order in orders)
        {
            var done = await WaitForOrderAsync("buyer-journey", order.GetProperty("id").GetGuid(),
                o => Is(o, "Delivered") && o.GetProperty("isPaid").GetBoolean(), "delivered and paid");
            Assert.Equal(done.GetProperty("totalMad").GetDecimal(), done.GetProperty("cashCollectedMad").GetDecimal());
            var tracking = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/shipping/tracking/{done.GetProperty("trackingNumber").GetString()}"));
            Assert.Equal("Delivered", tracking.GetProperty("status").GetString());
        }
        await CourierFaultsAsync(new { });
        Assert.Equal(8, await StockAsync(argan.Product));
        Assert.Equal(7, await StockAsync(amlou.Product));
    }

    [Fact]
    public async Task When_the_delivery_fails_Should_end_returned_with_the_stock_restored()
    {
        var seller = await CooperativeSellingAsync("Taliouine", "Safran", 45m, stock: 5);

        var order = (await CheckoutAsync("buyer-absent", (seller.Product, 4))).Single();
        var id = order.GetProperty("id").GetGuid();
        var booked = await WaitForOrderAsync("buyer-absent", id, o => Is(o, "Confirmed") && o.GetProperty("trackingNumber").GetString() is not null, "booked");
        await FailDeliveryAsync(booked.GetProperty("trackingNumber").GetString()!);
        await ReadyAsync(booked);
        Assert.Equal(1, await StockAsync(seller.Product));

        var returned = await WaitForOrderAsync("buyer-absent", id, o => Is(o, "Returned"), "returned");

        Assert.False(returned.GetProperty("isPaid").GetBoolean());
        await EventuallyAsync<bool>(async () => await StockAsync(seller.Product) == 5 ? true : null, "the stock to be restored");
    }

    [Fact]
    public async Task When_the_buyer_cancels_before_pickup_Should_release_the_stock()
    {
        var seller = await CooperativeSellingAsync("Imi n'Takandout", "Miel de thym", 260m, stock: 3);

        var order = (await CheckoutAsync("buyer-hesitant", (seller.Product, 3))).Single();
        var id = order.GetProperty("id").GetGuid();
        await WaitForOrderAsync("buyer-hesitant", id, o => Is(o, "Confirmed"), "confirmed");
        Assert.Equal(0, await StockAsync(seller.Product));

        var cancelled = await SendAsync(await AsAsync(HttpMethod.Post, $"/api/orders/{id}/cancel", "buyer", "buyer-hesitant", body: new { reason = "Je me suis trompée" }));

        Assert.True(Is(cancelled, "Cancelled"));
        await EventuallyAsync<bool>(async () => await StockAsync(seller.Product) == 3 ? true : null, "the stock to be released");
    }
}
