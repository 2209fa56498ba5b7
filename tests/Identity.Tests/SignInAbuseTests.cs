using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;
using static Tadamon.Identity.Tests.IdentityClient;

namespace Tadamon.Identity.Tests;

/// <summary>What a guesser or a careless client does to sign-in: guesses in parallel, control characters, health probes.</summary>
public sealed class SignInAbuseTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _http = identity.CreateClient();

    [Fact]
    public async Task When_five_wrong_passwords_arrive_at_once_Should_count_every_one_and_lock_the_account()
    {
        var email = $"parallel-{Guid.NewGuid():N}@example.ma";
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(_http, "Said", email, null, "buyer")).StatusCode);

        var guesses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => LoginAsync(identity.CreateClient(), email, $"faux-{i}-mot-de-passe")));
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.BadRequest, g.StatusCode));

        var right = await LoginAsync(_http, email);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("verrouillé", (await JsonAsync(right)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task When_a_login_name_holds_a_NUL_Should_answer_400_naming_the_field_not_500()
    {
        var response = await LoginAsync(_http, "acheteur\0@tadamon.ma", "mot-de-passe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty("username", out _), problem);
    }

    [Theory]
    [InlineData("Karim\u0000Benali")]
    [InlineData("Karim\u001bBenali")]
    [InlineData("Karim\u0085Benali")]
    public async Task When_a_name_holds_a_control_character_Should_answer_400_naming_it_in_the_callers_language(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/register")
        {
            Content = JsonContent.Create(new { displayName = name, email = $"ctl-{Guid.NewGuid():N}@example.ma", password = "Bien-Longue-2026", role = "buyer" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("ar");
        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("NUL", errors.GetProperty("displayName")[0].GetString());
        Assert.Contains("حرف تحكم", errors.GetProperty("displayName")[0].GetString());
    }

    [Fact]
    public async Task When_a_multi_line_text_holds_tabs_and_line_breaks_Should_accept_them()
    {
        var response = await RegisterAsync(_http, "Karim\tBenali\r\nفاس", null, "06" + Random.Shared.Next(10_000_000, 99_999_999), "beneficiary");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task When_anyone_asks_for_health_Should_get_a_bare_status_and_an_operator_the_checks()
    {
        await Eventually.TrueAsync(async () => (await _http.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the service to be healthy");

        var anonymous = await JsonAsync(await _http.GetAsync("/health"));
        Assert.Equal("Healthy", anonymous.GetProperty("status").GetString());
        Assert.Single(anonymous.EnumerateObject());

        using var asOperator = new HttpRequestMessage(HttpMethod.Get, "/health");
        asOperator.ActingAs("operator-1", "operator");
        var detailed = await JsonAsync(await _http.SendAsync(asOperator));
        Assert.True(detailed.GetProperty("checks").EnumerateObject().Any(), "an operator sees each check");

        using var asBuyer = new HttpRequestMessage(HttpMethod.Get, "/health");
        asBuyer.ActingAs("buyer-1", "buyer");
        Assert.False((await JsonAsync(await _http.SendAsync(asBuyer))).TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task When_a_header_holds_letters_outside_ASCII_Should_answer_400_naming_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("X-Note", Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("ключ")));
        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("X-Note", out _));
    }
}
