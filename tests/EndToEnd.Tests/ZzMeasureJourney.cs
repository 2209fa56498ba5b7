using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

[Collection("platform")]
public sealed class ZzMeasureJourney(PlatformFixture platform)
{
    private HttpRequestMessage As(HttpMethod m, string url, string role, Guid? scope = null, object? body = null)
    {
        var r = new HttpRequestMessage(m, url) { Content = body is null ? null : JsonContent.Create(body) };
        r.Headers.Add("X-Tadamon-User", role == "buyer" ? "bench-buyer" : "bench");
        r.Headers.Add("X-Tadamon-Role", role);
        if (scope is { } s) r.Headers.Add("X-Tadamon-Scope", s.ToString());
        return r;
    }

    [Fact]
    public async Task Measure()
    {
        var g = platform.Gateway;
        var coop = (await (await g.SendAsync(As(HttpMethod.Post, "/api/catalog/cooperatives", "cooperative-manager", body: new
        { nameAr = "تعاونية", nameFr = "Bench", region = "souss-massa", province = "Tiznit", type = "Women", contactPhone = "0528000000" })))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await g.SendAsync(As(HttpMethod.Post, $"/api/catalog/cooperatives/{coop}/verify", "operator"));
        var product = (await (await g.SendAsync(As(HttpMethod.Post, "/api/catalog/products", "cooperative-manager", coop, new
        { cooperativeId = coop, nameAr = "زيت", nameFr = "Huile", category = "argan-oil", unit = "litre", priceMad = 10m, stock = 100000 })))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await g.SendAsync(As(HttpMethod.Post, $"/api/catalog/products/{product}/publish", "cooperative-manager", coop));
        while (!(await g.GetAsync($"/api/orders/price-book/{product}")).IsSuccessStatusCode) await Task.Delay(100);

        // Sequential: one checkout at a time, latency without contention.
        var seq = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var t = Stopwatch.StartNew();
            var r = As(HttpMethod.Post, "/api/orders/checkout", "buyer", body: new
            {
                lines = new[] { new { productId = product, quantity = 1 } },
                address = new { recipientName = "Fatima", phone = "0612345678", region = "souss-massa", city = "Agadir", street = "1 rue" },
            });
            r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var resp = await g.SendAsync(r);
            var id = (await resp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orders")[0].GetProperty("id").GetGuid();
            while ((await (await g.SendAsync(As(HttpMethod.Get, $"/api/orders/{id}", "buyer"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != "Confirmed")
                await Task.Delay(20);
            seq.Add(t.Elapsed.TotalMilliseconds);
        }
        seq.Sort();
        File.AppendAllText("/tmp/mkt/measure.txt", $"e2e sequential: checkout->Confirmed p50 {seq[10]:F0} ms p95 {seq[18]:F0} ms\n");

        foreach (var n in new[] { 60 })
        {
            var sw = Stopwatch.StartNew();
            var confirmedAfter = new List<double>();
            var placed = await Task.WhenAll(Enumerable.Range(0, n).Select(async _ =>
            {
                var start = sw.Elapsed;
                var r = As(HttpMethod.Post, "/api/orders/checkout", "buyer", body: new
                {
                    lines = new[] { new { productId = product, quantity = 1 } },
                    address = new { recipientName = "Fatima", phone = "0612345678", region = "souss-massa", city = "Agadir", street = "1 rue" },
                });
                r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                var resp = await g.SendAsync(r);
                resp.EnsureSuccessStatusCode();
                var id = (await resp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orders")[0].GetProperty("id").GetGuid();
                return (id, start, answered: sw.Elapsed);
            }));
            var checkoutsDone = sw.Elapsed;
            await Task.WhenAll(placed.Select(async p =>
            {
                while (true)
                {
                    var o = await g.SendAsync(As(HttpMethod.Get, $"/api/orders/{p.id}", "buyer"));
                    var s = (await o.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                    if (s == "Confirmed") { lock (confirmedAfter) confirmedAfter.Add((sw.Elapsed - p.start).TotalMilliseconds); return; }
                    await Task.Delay(50);
                }
            }));
            var lat = placed.Select(p => (p.answered - p.start).TotalMilliseconds).Order().ToList();
            confirmedAfter.Sort();
            File.AppendAllText("/tmp/mkt/measure.txt",
                $"e2e n={n}: checkouts {n / checkoutsDone.TotalSeconds:F1}/s, checkout p50 {lat[n / 2]:F0} ms p95 {lat[n * 95 / 100 - 1]:F0} ms; " +
                $"checkout->Confirmed p50 {confirmedAfter[n / 2]:F0} ms p95 {confirmedAfter[n * 95 / 100 - 1]:F0} ms\n");
        }
    }
}
