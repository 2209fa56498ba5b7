using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The platform runs two copies of each busy service (<see cref="ReplicatedPlatformFixture"/>); these tests call the
/// copies one by one, past DCP's proxy, to prove what one copy does is seen by the other.
/// </summary>
[Collection("replicas")]
public sealed partial class ReplicaTests(ReplicatedPlatformFixture platform)
{
    [Fact]
    public async Task A_product_restocked_through_one_catalog_replica_Should_read_fresh_from_the_other_at_once()
    {
        var (first, second) = await TwoCopiesAsync("catalog");
        using var a = new HttpClient { BaseAddress = first };
        using var b = new HttpClient { BaseAddress = second };
        var product = await DemoProductAsync(b);

        // The operator's token first: a sign-in (a deliberately slow password hash) must not eat the cache's lifetime.
        using var restock = new HttpRequestMessage(HttpMethod.Post, $"/products/{product}/stock") { Content = JsonContent.Create(new { add = 3 }) };
        restock.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.Logins.TokenAsync(Logins.Operator));

        // Both copies cache the product (a second read is an answer from the cache: it carries its Age).
        var before = await StockAtAsync(a, product);
        var cachedAt = DateTimeOffset.UtcNow; // copy B's entry is born after this, so it outlives cachedAt + the lifetime
        Assert.Equal(before, await StockAtAsync(b, product));
        using (var cached = await b.GetAsync($"/products/{product}")) Assert.True(cached.Headers.Age is not null, "copy B does not cache the product");

        using (var done = await a.SendAsync(restock)) Assert.True(done.IsSuccessStatusCode, $"restock through copy A: {done.StatusCode}");

        // Copy B's cached answer lives 30 s here: fresh well before that is the eviction, not the expiry.
        var lifetime = TimeSpan.FromSeconds(ReplicatedPlatformFixture.MarketCacheSeconds);
        await Eventually.TrueAsync(async () => await StockAtAsync(b, product) == before + 3, "copy B to answer the new stock", lifetime / 3);
        Assert.True(DateTimeOffset.UtcNow - cachedAt < lifetime * 0.9, "too slow to tell eviction from expiry");
    }

    [Fact]
    public async Task Signed_in_on_one_web_replica_Should_be_signed_in_and_act_on_the_other()
    {
        var (first, second) = await TwoCopiesAsync("web");
        var cookies = new CookieContainer(); // cookies go by host, not port: both copies see the same jar, as behind one address
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);

        // Sign in on copy A: its login form, its antiforgery token, its session cookie.
        var form = await browser.GetStringAsync(new Uri(first, "/account/login"));
        using var signIn = await browser.PostAsync(new Uri(first, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = Logins.Buyer, ["Password"] = Logins.DemoPassword, ["__RequestVerificationToken"] = Token(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("/account/login", signIn.Headers.Location?.ToString() ?? "");

        // Copy B reads A's cookie: the buyer's orders, not the login page.
        using var orders = await browser.GetAsync(new Uri(second, "/orders"));
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);

        // And acts on it: signing out on B with a form token B issued beside A's antiforgery cookie.
        var page = await browser.GetStringAsync(new Uri(second, "/account/logout"));
        using var signOut = await browser.PostAsync(new Uri(second, "/account/logout"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await browser.GetAsync(new Uri(first, "/orders"));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("catalog")]
    [InlineData("orders")]
    [InlineData("shipping")]
    [InlineData("courses")]
    [InlineData("enrollment")]
    [InlineData("web")]
    public async Task Each_database_Should_be_migrated_by_one_run_of_its_step_before_the_service_serves(string service)
    {
        var steps = await platform.Running.SnapshotsAsync($"{service}-migrate");

        var step = Assert.Single(steps);
        Assert.Equal(KnownResourceStates.Finished, step.State?.Text);
        Assert.Equal(0, step.ExitCode);
        // Every copy of the service started after it and is up.
        var copies = await platform.Running.SnapshotsAsync(service);
        Assert.Equal(service == "identity" ? 1 : platform.Replicas, copies.Count(c => c.State?.Text == KnownResourceStates.Running));
    }

    [Theory]
    [InlineData("ordersdb")]
    [InlineData("shippingdb")]
    [InlineData("enrollmentdb")]
    public async Task Of_two_replicas_one_Should_hold_the_lease_for_the_sampled_levels(string database)
    {
        var connectionString = await platform.App.GetConnectionStringAsync(database)
            ?? throw new InvalidOperationException($"no connection string for {database}");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var holders = new NpgsqlCommand(
            "SELECT count(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);

        // The gauges' sampler asks as a copy starts: by now one copy holds it, and only one ever does.
        await Eventually.TrueAsync(async () => (long)(await holders.ExecuteScalarAsync())! == 1, $"one lease holder in {database}");
        for (var look = 0; look < 5; look++)
        {
            Assert.Equal(1L, (long)(await holders.ExecuteScalarAsync())!);
            await Task.Delay(200);
        }
    }

    private async Task<(Uri First, Uri Second)> TwoCopiesAsync(string resource)
    {
        var copies = await platform.Running.ReplicaAddressesAsync(resource, 2);
        Assert.NotEqual(copies[0], copies[1]);
        return (copies[0], copies[1]);
    }

    private static async Task<Guid> DemoProductAsync(HttpClient catalog)
    {
        var page = await catalog.GetFromJsonAsync<JsonElement>("/products?pageSize=100");
        return page.GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid();
    }

    private static async Task<int> StockAtAsync(HttpClient catalog, Guid product) =>
        (await catalog.GetFromJsonAsync<JsonElement>($"/products/{product}")).GetProperty("stockAvailable").GetInt32();

    private static string Token(string html) =>
        AntiforgeryField().Match(html) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token on the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
