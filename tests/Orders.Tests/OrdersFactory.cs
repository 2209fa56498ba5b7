using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Orders.Infrastructure;
using Tadamon.Orders.Model;
using Tadamon.TestSupport;

namespace Tadamon.Orders.Tests;

public sealed class OrdersFactory() : ServiceFactory<OrdersDbContext>("ordersdb")
{
    public HttpClient As(string role, string user, Guid? scope = null) => CreateClient().ActingAs(user, role, scope);

    public HttpClient Buyer(string user) => As(Roles.Buyer, user);

    /// <summary>A product of this test's own in the price book, as catalog's ProductPublished would have left it.</summary>
    public async Task<PriceBookEntry> PricedProductAsync(Guid cooperativeId, decimal priceMad)
    {
        var entry = new PriceBookEntry
        {
            ProductId = Guid.CreateVersion7(), CooperativeId = cooperativeId, NameAr = "زيت أركان", NameFr = "Huile d'argan",
            Unit = "litre", PriceMad = priceMad, AsOf = DateTimeOffset.UtcNow,
        };
        await InScopeAsync(async db => { db.PriceBook.Add(entry); await db.SaveChangesAsync(); return entry; });
        return entry;
    }

    public async Task<T> InScopeAsync<T>(Func<OrdersDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    public static object Address => new
    {
        recipientName = "Fatima Zahra", phone = "0612345678", region = "casablanca-settat", city = "Casablanca", street = "12 rue des Oudayas",
    };

    public static HttpRequestMessage Checkout(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/checkout") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
