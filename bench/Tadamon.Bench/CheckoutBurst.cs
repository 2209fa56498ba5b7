using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Tadamon.Bench;

/// <summary>
/// Scenario 2: buyers checking out at once, each basket spanning three cooperatives of the demo catalogue. First a
/// closed-loop burst (as fast as the platform answers), then an open-loop run at a fixed 150 purchases/s. The
/// time to Confirmed and to Booked is read afterwards from the outbox rows orders and shipping wrote for each
/// order (OrderConfirmed, ShipmentBooked), against the moment the bench sent the checkout.
/// </summary>
public sealed class CheckoutBurst(Platform platform, Database orders, Database shipping)
{
    public const string Title = "Checkout burst";
    private const double OpenLoopRate = 150; // the rate issue 13 sets its latency target at
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _sentAt = new();
    private List<Guid[]> _cooperatives = [];
    private string[] _buyers = [];

    public async Task PrepareAsync(int buyers, string run)
    {
        var operatorToken = await platform.LoginAsync("operateur@tadamon.ma");
        var products = new List<(Guid Id, Guid Cooperative)>();
        for (var page = 1; ; page++)
        {
            var items = (await platform.RequireAsync(HttpMethod.Get, $"/api/catalog/products?pageSize=50&page={page}", null)).GetProperty("items");
            products.AddRange(items.EnumerateArray().Select(p => (p.GetProperty("id").GetGuid(), p.GetProperty("cooperativeId").GetGuid())));
            if (items.GetArrayLength() < 50) break;
        }
        // Enough stock that every order can be confirmed: the bench measures the path to Confirmed, not sold-out refusals.
        foreach (var (id, _) in products)
            await platform.RequireAsync(HttpMethod.Post, $"/api/catalog/products/{id}/stock", operatorToken, new { add = 1_000_000 });
        _cooperatives = products.GroupBy(p => p.Cooperative).Select(g => g.Select(p => p.Id).ToArray()).ToList();
        _buyers = await platform.RegisterManyAsync(buyers, "buyer", run);
    }

    public async Task<Section> RunAsync(int concurrency, TimeSpan duration)
    {
        // First calls pay for JIT, EF query compilation and fetching identity's keys: not what a burst measures.
        await Load.RunAsync("warm-up", 4, TimeSpan.FromSeconds(3), CheckoutAsync);
        await DrainAsync();
        var warmUp = _sentAt.Keys.ToHashSet();
        var before = Processes.Read();
        var burst = await Load.RunAsync($"{concurrency} buyers, closed loop", concurrency, duration, CheckoutAsync);
        var burstOrders = _sentAt.Keys.Where(id => !warmUp.Contains(id)).ToHashSet();
        await DrainAsync();
        var afterBurst = Processes.Read();

        var open = await Load.RunOpenAsync($"{OpenLoopRate:F0} purchases/s, open loop", OpenLoopRate, duration, CheckoutAsync);
        var openOrders = _sentAt.Keys.Where(id => !warmUp.Contains(id) && !burstOrders.Contains(id)).ToHashSet();
        await DrainAsync();
        var after = Processes.Read();

        var confirmed = await orders.OutboxTimesAsync("Tadamon.Contracts.Orders.OrderConfirmed", "orderId");
        var booked = await shipping.OutboxTimesAsync("Tadamon.Contracts.Shipping.ShipmentBooked", "orderId");
        var rejected = await orders.CountAsync("SELECT count(*) FROM orders WHERE \"Status\" = 'Rejected'");
        var rows = new[] { (burst, burstOrders, "≥ 300 purchases/s accepted"), (open, openOrders, "p99 checkout→Confirmed < 250 ms") }
            .Select(x => Row(x.Item1, x.Item2, confirmed, booked, x.Item3)).ToList();
        foreach (var row in rows) Console.WriteLine($"checkout {row}");

        var md = new System.Text.StringBuilder();
        md.AppendLine("| run | purchases accepted/s | orders/s | checkout answer p50 / p95 / p99 (ms) | errors | checkout→Confirmed p50 / p99 (ms) | checkout→Booked p50 / p99 (ms) | target |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) md.AppendLine(row.ToString());
        md.AppendLine();
        md.AppendLine($"Each purchase holds one unit of three products from three different cooperatives, so it becomes three orders. "
            + $"{_buyers.Length} buyer accounts, each with its own token; a fresh Idempotency-Key per checkout. "
            + $"Rejected orders (out of stock): {rejected}. Times to Confirmed and Booked are from the bench sending the checkout to "
            + "the OrderConfirmed / ShipmentBooked outbox row being written (one clock, one machine).");
        md.AppendLine();
        md.AppendLine("CPU and memory during the closed-loop burst (including its drain):");
        md.AppendLine();
        md.Append(Report.ProcessTable(before, afterBurst, burst.Requests - burst.Errors, "purchase"));
        md.AppendLine();
        md.AppendLine("During the open-loop run:");
        md.AppendLine();
        md.Append(Report.ProcessTable(afterBurst, after, open.Requests - open.Errors, "purchase"));
        return new Section(Title, md.ToString());
    }

    private sealed record CheckoutRow(LoadResult Load, int Orders, Latencies Confirmed, Latencies Booked, string Target)
    {
        public override string ToString() =>
            $"| {Load.Name} | {Load.OkPerSecond:F0} | {Orders / Load.Seconds:F0} | {Load.P50Ms:F1} / {Load.P95Ms:F1} / {Load.P99Ms:F1} | {Load.Errors} "
            + $"| {Confirmed.P50Ms:F0} / {Confirmed.P99Ms:F0} ({Confirmed.Count}) | {Booked.P50Ms:F0} / {Booked.P99Ms:F0} ({Booked.Count}) | {Target} |";
    }

    private CheckoutRow Row(LoadResult load, HashSet<Guid> ids, Dictionary<Guid, DateTimeOffset> confirmed,
        Dictionary<Guid, DateTimeOffset> booked, string target) =>
        new(load, ids.Count,
            Latencies.Of(ids.Where(confirmed.ContainsKey).Select(id => (confirmed[id] - _sentAt[id]).TotalMilliseconds)),
            Latencies.Of(ids.Where(booked.ContainsKey).Select(id => (booked[id] - _sentAt[id]).TotalMilliseconds)),
            target);

    /// <summary>Every order decided and every confirmed order booked with the courier.</summary>
    private async Task DrainAsync()
    {
        await Platform.UntilAsync(async () => await orders.CountAsync("SELECT count(*) FROM orders WHERE \"Status\" = 'Placed'") == 0,
            TimeSpan.FromMinutes(5), "every order to be confirmed or rejected");
        await Platform.UntilAsync(async () => await shipping.CountAsync(
                "SELECT count(*) FROM shipments WHERE \"Status\" = 'Created' AND NOT \"CancelRequested\"") == 0
            && await orders.CountAsync("SELECT count(*) FROM orders WHERE \"Status\" = 'Confirmed' AND \"TrackingNumber\" IS NULL") == 0,
            TimeSpan.FromMinutes(5), "every confirmed order to be booked with the courier");
    }

    private async Task<bool> CheckoutAsync(int i, CancellationToken ct)
    {
        var random = new Random(i);
        var lines = _cooperatives.OrderBy(_ => random.Next()).Take(3)
            .Select(products => new { productId = products[random.Next(products.Length)], quantity = 1 }).ToArray();
        var body = new
        {
            lines,
            address = new { recipientName = "Khadija Benali", phone = "0612345678", region = "marrakech-safi", city = "Kelâat Es-Sraghna", street = "Hay Salam, rue 12" },
        };
        var sent = DateTimeOffset.UtcNow;
        using var response = await platform.SendAsync(HttpMethod.Post, "/api/orders/checkout", _buyers[i % _buyers.Length], body,
            idempotencyKey: $"bench-{Guid.NewGuid():N}", ct: ct);
        if (response.StatusCode != HttpStatusCode.Created) return false;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        foreach (var order in json.RootElement.GetProperty("orders").EnumerateArray()) _sentAt[order.GetProperty("id").GetGuid()] = sent;
        return true;
    }
}
