using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging;
using Tadamon.Orders.Apis;

namespace Tadamon.Orders.Tests;

public sealed class CheckoutTests(OrdersFactory orders) : IClassFixture<OrdersFactory>
{
    private static string NewKey() => $"checkout-{Guid.NewGuid():N}";

    private Task<int> PurchasesOfAsync(string buyer) => orders.InScopeAsync(db => db.Purchases.CountAsync(p => p.BuyerId == buyer));

    private Task<int> OrdersPlacedInOutboxAsync(Guid purchaseId) => orders.InScopeAsync(async db =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains("OrderPlaced")).ToListAsync())
            .Count(m => m.Payload.Contains(purchaseId.ToString())));

    [Fact]
    public async Task When_a_buyer_buys_from_two_cooperatives_Should_place_one_order_each_priced_from_the_price_book()
    {
        var (argan, saffron) = (Guid.NewGuid(), Guid.NewGuid());
        var oil = await orders.PricedProductAsync(argan, 320m);
        var amlou = await orders.PricedProductAsync(argan, 85m);
        var threads = await orders.PricedProductAsync(saffron, 45m);
        var body = new
        {
            lines = new object[]
            {
                new { productId = oil.ProductId, quantity = 2 }, new { productId = amlou.ProductId, quantity = 1 },
                new { productId = threads.ProductId, quantity = 3 }, new { productId = oil.ProductId, quantity = 1 },
            },
            address = OrdersFactory.Address,
            priceMad = 1, // a client-side price is not part of the contract and changes nothing
        };

        var response = await orders.Buyer("buyer-two-coops").SendAsync(OrdersFactory.Checkout(NewKey(), body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var purchase = (await response.Content.ReadFromJsonAsync<CheckoutApi.CheckoutResponse>())!;
        Assert.Equal(3 * 320m + 85m + 3 * 45m, purchase.TotalMad);
        Assert.Equal(2, purchase.Orders.Count);
        var arganOrder = purchase.Orders.Single(o => o.CooperativeId == argan);
        Assert.Equal((3 * 320m + 85m, "Placed"), (arganOrder.TotalMad, arganOrder.Status));
        Assert.Equal(3, arganOrder.Lines.Single(l => l.ProductId == oil.ProductId).Quantity);
        Assert.Equal(2, await OrdersPlacedInOutboxAsync(purchase.PurchaseId));
    }

    [Fact]
    public async Task When_the_same_checkout_is_retried_Should_answer_the_first_result_and_create_nothing()
    {
        var product = await orders.PricedProductAsync(Guid.NewGuid(), 90m);
        var body = new { lines = new[] { new { productId = product.ProductId, quantity = 2 } }, address = OrdersFactory.Address };
        var key = NewKey();
        var buyer = orders.Buyer("buyer-retry");

        var first = await (await buyer.SendAsync(OrdersFactory.Checkout(key, body))).Content.ReadFromJsonAsync<CheckoutApi.CheckoutResponse>();
        var again = await buyer.SendAsync(OrdersFactory.Checkout(key, body));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var second = (await again.Content.ReadFromJsonAsync<CheckoutApi.CheckoutResponse>())!;
        Assert.Equal(first!.PurchaseId, second.PurchaseId);
        Assert.Equal(first.Orders.Select(o => o.Id), second.Orders.Select(o => o.Id));
        Assert.Equal(1, await PurchasesOfAsync("buyer-retry"));
        Assert.Equal(1, await OrdersPlacedInOutboxAsync(first.PurchaseId));
    }

    [Fact]
    public async Task When_retries_race_with_the_same_key_Should_create_one_purchase()
    {
        var product = await orders.PricedProductAsync(Guid.NewGuid(), 55m);
        var body = new { lines = new[] { new { productId = product.ProductId, quantity = 1 } }, address = OrdersFactory.Address };
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => orders.Buyer("buyer-race").SendAsync(OrdersFactory.Checkout(key, body)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<CheckoutApi.CheckoutResponse>())!.PurchaseId));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await PurchasesOfAsync("buyer-race"));
    }

    [Fact]
    public async Task When_a_key_is_reused_with_a_different_body_Should_answer_422_problem()
    {
        var product = await orders.PricedProductAsync(Guid.NewGuid(), 40m);
        var key = NewKey();
        var buyer = orders.Buyer("buyer-reuse");
        await buyer.SendAsync(OrdersFactory.Checkout(key, new { lines = new[] { new { productId = product.ProductId, quantity = 1 } }, address = OrdersFactory.Address }));

        var response = await buyer.SendAsync(OrdersFactory.Checkout(key, new { lines = new[] { new { productId = product.ProductId, quantity = 5 } }, address = OrdersFactory.Address }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("idempotency-key-reused", problem.GetProperty("code").GetString());
        Assert.Equal(1, await PurchasesOfAsync("buyer-reuse"));
    }

    [Fact]
    public async Task When_the_idempotency_key_is_missing_Should_answer_400_problem_and_place_nothing()
    {
        var product = await orders.PricedProductAsync(Guid.NewGuid(), 40m);
        var request = new HttpRequestMessage(HttpMethod.Post, "/checkout")
        {
            Content = JsonContent.Create(new { lines = new[] { new { productId = product.ProductId, quantity = 1 } }, address = OrdersFactory.Address }),
        };

        var response = await orders.Buyer("buyer-nokey").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await PurchasesOfAsync("buyer-nokey"));
    }

    [Theory]
    [InlineData("""{"lines":[],"address":{"recipientName":"Fatima","phone":"0612345678","region":"casablanca-settat","city":"Casablanca","street":"12 rue"}}""", "Lines")]
    [InlineData("""{"lines":[{"productId":"0199c7f0-0000-7000-8000-000000000001","quantity":0}],"address":{"recipientName":"Fatima","phone":"0612345678","region":"casablanca-settat","city":"Casablanca","street":"12 rue"}}""", "Lines[0].Quantity")]
    [InlineData("""{"lines":[{"productId":"0199c7f0-0000-7000-8000-000000000001","quantity":1}],"address":{"recipientName":"Fatima","phone":"12","region":"casablanca-settat","city":"Casablanca","street":"12 rue"}}""", "Address.Phone")]
    [InlineData("""{"lines":[{"productId":"0199c7f0-0000-7000-8000-000000000001","quantity":1}],"address":{"recipientName":"Fatima","phone":"0612345678","region":"casablanca-settat","city":"Casablanca","street":"12 rue"}}""", "Lines[0].ProductId")]
    public async Task When_a_checkout_is_invalid_Should_answer_400_validation_problem_naming_the_field(string body, string field)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/checkout") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", NewKey());

        var response = await orders.Buyer("buyer-invalid").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task When_someone_who_is_not_a_buyer_checks_out_Should_be_refused()
    {
        var product = await orders.PricedProductAsync(Guid.NewGuid(), 40m);
        var body = new { lines = new[] { new { productId = product.ProductId, quantity = 1 } }, address = OrdersFactory.Address };

        var anonymous = await orders.CreateClient().SendAsync(OrdersFactory.Checkout(NewKey(), body));
        var manager = await orders.As(Roles.CooperativeManager, "manager").SendAsync(OrdersFactory.Checkout(NewKey(), body));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), (anonymous.StatusCode, manager.StatusCode));
    }
}
