using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Tadamon.TestSupport;

namespace Tadamon.Resilience.Tests;

/// <summary>
/// Buyers checking out from several cooperatives at once, a tenth cancelling straight away, cooperatives packing
/// every confirmed order, the courier sandbox carrying the parcels on its clock. Products are this flow's own, with
/// less stock than buyers want, so some orders are refused for stock too.
/// </summary>
public sealed class MarketFlow(ResilientPlatform platform, string run, int checkouts)
{
    public const int InitialStock = 25;
    private Gateway Api => platform.Gateway;

    public sealed record Product(Guid Id, Guid Cooperative);
    public sealed record Checkout(string Buyer, string Key, Guid[] Orders);

    public IReadOnlyList<Product> Products { get; private set; } = [];
    public ConcurrentBag<Checkout> Acknowledged { get; } = [];
    public int Attempted { get; private set; }
    public int Cancelled => _cancelled;
    private int _cancelled;

    public async Task PrepareAsync()
    {
        var products = new List<Product>();
        foreach (var (cooperative, manager) in platform.Sellers)
        {
            for (var n = 0; n < 2; n++)
            {
                var created = await Api.SendAsync("create-product", manager, HttpMethod.Post, "/api/catalog/products", new
                {
                    cooperativeId = cooperative, nameAr = $"زيت أركان {run} {n}", nameFr = $"Huile d'argan {run} {n}", category = "argan-oil",
                    unit = "litre", priceMad = 120m + 10 * n, stock = InitialStock,
                });
                Require(created, HttpStatusCode.Created, "create a product");
                var id = created!.Id;
                Require(await Api.SendAsync("publish-product", manager, HttpMethod.Post, $"/api/catalog/products/{id}/publish"), HttpStatusCode.OK, "publish");
                products.Add(new Product(id, cooperative));
            }
        }
        // Orders prices from its own price book, which catalog's ProductPublished fills.
        foreach (var product in products)
        {
            await Eventually.TrueAsync(async () => (await Api.TryOnceAsync("price-book", Logins.Buyer, HttpMethod.Get, $"/api/orders/price-book/{product.Id}"))?.Ok == true,
                $"product {product.Id} in orders' price book", TimeSpan.FromSeconds(60));
        }
        Products = products;
    }

    /// <summary>All the checkouts, three buyers at a time; each acknowledged one is remembered with its orders.</summary>
    public async Task RunCheckoutsAsync()
    {
        using var gate = new SemaphoreSlim(3);
        var random = new Random(run.GetHashCode());
        var plans = Enumerable.Range(0, checkouts).Select(i =>
        {
            var sellers = platform.Sellers.Count;
            var first = Products.Where(p => p.Cooperative == platform.Sellers[i % sellers].Cooperative).ToList();
            var second = Products.Where(p => p.Cooperative == platform.Sellers[(i + 1) % sellers].Cooperative).ToList();
            return (Index: i, Lines: new[] { (first[random.Next(first.Count)].Id, random.Next(1, 3)), (second[random.Next(second.Count)].Id, random.Next(1, 3)) });
        }).ToList();
        Attempted = plans.Count;
        await Task.WhenAll(plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try { await CheckoutAsync(plan.Index, plan.Lines); }
            finally { gate.Release(); }
        }));
    }

    private async Task CheckoutAsync(int index, (Guid Product, int Quantity)[] lines)
    {
        var buyer = platform.Buyers[index % platform.Buyers.Count];
        var key = $"{run}-checkout-{index}";
        var answer = await Api.SendAsync("checkout", buyer, HttpMethod.Post, "/api/orders/checkout", new
        {
            lines = lines.Select(l => new { productId = l.Product, quantity = l.Quantity }),
            address = new { recipientName = "Khadija Ait Lahcen", phone = "0661234567", region = "marrakech-safi", city = "Marrakech", street = "Derb Sidi Bouloukat 7" },
        }, key);
        if (answer?.Status != HttpStatusCode.Created) return; // never acknowledged: the platform promised nothing
        var orders = answer.Body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray();
        Acknowledged.Add(new Checkout(buyer, key, orders));
        if (index % 10 == 0)
        {
            var cancel = await Api.SendAsync("cancel", buyer, HttpMethod.Post, $"/api/orders/{orders[0]}/cancel", new { reason = "Commande en double" });
            if (cancel?.Ok == true) Interlocked.Increment(ref _cancelled);
        }
    }

    /// <summary>Each cooperative packs its confirmed orders, about once a second, until told to stop.</summary>
    public async Task PackConfirmedOrdersAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var (_, manager) in platform.Sellers)
            {
                var page = await Api.TryOnceAsync("list-confirmed", manager, HttpMethod.Get, "/api/orders?status=Confirmed&pageSize=50");
                if (page?.Ok != true) continue;
                foreach (var order in page.Body.GetProperty("items").EnumerateArray())
                {
                    await Api.TryOnceAsync("ready", manager, HttpMethod.Post, $"/api/orders/{order.GetProperty("id").GetGuid()}/ready");
                }
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stop); } catch (OperationCanceledException) { }
        }
    }

    private static void Require(Gateway.Answer? answer, HttpStatusCode expected, string what)
    {
        if (answer?.Status != expected)
            throw new InvalidOperationException($"Could not {what}: {(answer is null ? "no answer" : $"{(int)answer.Status} {answer.Body}")}");
    }

    internal static JsonElement Body(Gateway.Answer answer) => answer.Body;
}
