using System.Net;
using System.Net.Http.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// The gateway's abuse limits, each exercised on a bucket of its own (a login name, an account) so the other
/// tests sharing the platform are not slowed: past the limit the answer is 429 with Retry-After, and the service
/// behind is not reached.
/// </summary>
[Collection("platform")]
public sealed class RateLimitTests(PlatformFixture platform)
{
    [Fact]
    public async Task Guessing_one_accounts_password_fast_Should_be_cut_off_with_429_and_a_Retry_After()
    {
        var login = $"guess-{Guid.NewGuid():N}@essai.tadamon.ma";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt < 15 && limited is null; attempt++)
        {
            var response = await platform.Gateway.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = login, ["password"] = $"wrong-{attempt}" }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.NotNull(limited);
        // The configured ten go through; then the bucket refills at ten a minute, so at most one more slips in.
        Assert.All(statuses.Take(10), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Another login name from the same address still gets through: the limit is per name, not a lock-out of everyone.
        var other = await platform.Accounts.SignInAsync("acheteur@tadamon.ma", PlatformAccounts.DemoPassword);
        Assert.Equal("buyer", other.Role);
    }

    [Fact]
    public async Task A_guesser_claiming_a_new_address_each_time_in_X_Forwarded_For_Should_still_be_cut_off()
    {
        // The client is not a proxy the gateway was told to trust, so its X-Forwarded-For is not its address.
        var login = $"spoof-{Guid.NewGuid():N}@essai.tadamon.ma";
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 14; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = login, ["password"] = $"wrong-{attempt}" }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
            using var response = await platform.Gateway.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_guesser_respelling_one_phone_number_Should_share_one_bucket_and_be_cut_off()
    {
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] spellings = [$"+2126{digits}", $"06{digits}", $"00212 6 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}",
            $"06-{digits[..2]}-{digits[2..4]}-{digits[4..6]}-{digits[6..]}", $" 06.{digits[..2]}.{digits[2..4]}.{digits[4..6]}.{digits[6..]} "];
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 14; attempt++)
        {
            using var response = await platform.Gateway.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = spellings[attempt % spellings.Length], ["password"] = $"wrong-{attempt}",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Web_checkouts_Should_be_limited_per_signed_in_person_not_per_address()
    {
        // Two buyers at one address (one social centre's connection): the first exhausts their own limit only.
        using var first = await WebBuyerAsync();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 34; attempt++) statuses.Add(await PostCheckoutFormAsync(first));
        using var second = await WebBuyerAsync();
        var other = await PostCheckoutFormAsync(second);

        Assert.All(statuses.Take(30), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(30));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other);
    }

    /// <summary>A browser-like client (cookies, form tokens) signed in to the web as a fresh buyer.</summary>
    private async Task<HttpClient> WebBuyerAsync()
    {
        var email = $"web-{Guid.NewGuid():N}@essai.tadamon.ma";
        using (var registered = await platform.Gateway.PostAsJsonAsync("/api/identity/accounts/register",
            new { displayName = "Acheteur web", email, password = "Essai-Tadamon-2026", role = "buyer" }))
        {
            registered.EnsureSuccessStatusCode();
        }
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = platform.Gateway.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = FormToken(await browser.GetStringAsync("/account/login"));
        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = email, ["Password"] = "Essai-Tadamon-2026", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    /// <summary>The checkout form with an empty basket: refused by the page, nothing placed, but it counts.</summary>
    private static async Task<HttpStatusCode> PostCheckoutFormAsync(HttpClient browser)
    {
        var token = FormToken(await browser.GetStringAsync("/checkout"));
        using var response = await browser.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RecipientName"] = "Fatima", ["Phone"] = "0612345678", ["Region"] = "casablanca-settat", ["City"] = "Casablanca",
            ["Street"] = "12 rue des Oudayas", ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode;
    }

    private static string FormToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task A_buyer_checking_out_in_a_loop_Should_be_cut_off_with_429_without_orders_being_placed()
    {
        var buyer = await platform.Accounts.ForAsync($"loop-{Guid.NewGuid():N}", "buyer");
        async Task<HttpStatusCode> CheckoutAsync()
        {
            // Empty baskets: refused by orders with 400 while under the limit, so nothing is ever placed.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/checkout") { Content = JsonContent.Create(new { lines = Array.Empty<object>() }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await platform.Gateway.SendAsync(request.As(buyer));
            return response.StatusCode;
        }

        var allowed = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 30; attempt++) allowed.Add(await CheckoutAsync());
        // Ten more at once: the bucket (30, refilled at 30 a minute) is empty and refills far slower than that.
        var beyond = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CheckoutAsync()));

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.True(beyond.Count(s => s == HttpStatusCode.TooManyRequests) >= 8, string.Join(", ", beyond));
        using var mine = new HttpRequestMessage(HttpMethod.Get, "/api/orders/");
        var orders = await (await platform.Gateway.SendAsync(mine.As(buyer))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(0, orders.GetProperty("total").GetInt32());
    }
}
