using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Identity.Infrastructure;
using Tadamon.Messaging;
using Tadamon.TestSupport;
using Xunit;
using static Tadamon.Identity.Tests.IdentityClient;

namespace Tadamon.Identity.Tests;

public sealed class IdentityFactory() : ServiceFactory<IdentityDbContext>("identitydb");

public sealed class AccountsAndTokensTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _http = identity.CreateClient();
    private static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.ma";
    private static string UniquePhone() => "06" + Random.Shared.Next(10_000_000, 99_999_999);

    [Fact]
    public async Task When_a_buyer_registers_and_logs_in_Should_get_a_signed_short_token_with_their_role()
    {
        var email = UniqueEmail();
        var registered = await RegisterAsync(_http, "Youssef", email, null, "buyer");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var accountId = (await JsonAsync(registered)).GetProperty("id").GetGuid();

        var login = await LoginAsync(_http, email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await JsonAsync(login);
        var token = await ValidateAsync(_http, body.GetProperty("access_token").GetString()!);

        Assert.Equal(accountId.ToString(), token.Subject);
        Assert.Equal("buyer", token.GetClaim("role").Value);
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 60, 15 * 60);
        Assert.False(body.TryGetProperty("refresh_token", out _), "no refresh token unless offline_access is asked for");
    }

    [Fact]
    public async Task When_a_beneficiary_registers_with_a_mobile_number_Should_log_in_with_any_usual_spelling_of_it()
    {
        var phone = UniquePhone();
        var registered = await RegisterAsync(_http, "فاطمة الزهراء", null, $"{phone[..2]} {phone[2..4]} {phone[4..6]} {phone[6..8]} {phone[8..]}", "beneficiary");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var account = await JsonAsync(registered);
        Assert.Equal("+212" + phone[1..], account.GetProperty("phone").GetString());

        foreach (var spelling in new[] { phone, "+212" + phone[1..], "00212" + phone[1..] })
        {
            var login = await LoginAsync(_http, spelling);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var token = await ValidateAsync(_http, (await JsonAsync(login)).GetProperty("access_token").GetString()!);
            Assert.Equal("beneficiary", token.GetClaim("role").Value);
            Assert.Equal(account.GetProperty("id").GetGuid().ToString(), token.GetClaim("tadamon_scope").Value);
        }
    }

    [Fact]
    public async Task When_someone_registers_twice_with_one_email_Should_refuse_the_second_with_409()
    {
        var email = UniqueEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(_http, "Amina", email, null, "buyer")).StatusCode);

        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar");
        var again = await RegisterAsync(_http, "Amina", email, null, "buyer");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("يوجد حساب بهذا المعرف مسبقا.", (await JsonAsync(again)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(null, "05 22 12 34 56", "buyer", "phone")]         // a landline is not a mobile
    [InlineData(null, null, "buyer", "email")]                      // neither email nor phone
    [InlineData("x@example.ma", null, "operator", "role")]          // operators are not self-made
    [InlineData("not-an-email", null, "buyer", "Email")]
    public async Task When_registration_is_invalid_Should_answer_400_naming_the_field_and_create_nothing(
        string? email, string? phone, string role, string field)
    {
        var response = await RegisterAsync(_http, "Karim", email, phone, role);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
        if (email is not null) Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(_http, email)).StatusCode);
    }

    [Fact]
    public async Task When_a_password_is_wrong_five_times_Should_lock_the_account_even_against_the_right_one()
    {
        var email = UniqueEmail();
        await RegisterAsync(_http, "Hassan", email, null, "buyer");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await LoginAsync(_http, email, "mot-de-passe-faux");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("invalid_grant", (await JsonAsync(wrong)).GetProperty("error").GetString());
        }

        var right = await LoginAsync(_http, email);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("verrouillé", (await JsonAsync(right)).GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task When_a_refresh_token_is_exchanged_Should_issue_a_new_access_token_for_the_same_person()
    {
        var email = UniqueEmail();
        await RegisterAsync(_http, "Nadia", email, null, "buyer");
        var first = await JsonAsync(await LoginAsync(_http, email, offline: true));
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        var refreshed = await RefreshAsync(_http, refreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await ValidateAsync(_http, (await JsonAsync(refreshed)).GetProperty("access_token").GetString()!);
        var original = await ValidateAsync(_http, first.GetProperty("access_token").GetString()!);
        Assert.Equal(original.Subject, second.Subject);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(_http, refreshToken + "x")).StatusCode);
    }

    [Fact]
    public async Task When_an_operator_creates_a_centre_manager_Should_scope_them_to_their_centre_and_announce_the_account()
    {
        var centreId = Guid.NewGuid();
        var email = UniqueEmail();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts")
        {
            Content = JsonContent.Create(new { displayName = "مدير مركز العطاوية", email, password = "Bien-Longue-2026", role = "centre-manager", scopeId = centreId }),
        };
        request.ActingAs("operator-1", "operator");
        var created = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var token = await ValidateAsync(_http, (await JsonAsync(await LoginAsync(_http, email))).GetProperty("access_token").GetString()!);
        Assert.Equal("centre-manager", token.GetClaim("role").Value);
        Assert.Equal(centreId.ToString(), token.GetClaim("tadamon_scope").Value);

        await using var scope = identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var events = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type.Contains("AccountCreated")).ToListAsync();
        Assert.Contains(events, e => e.Payload.Contains(token.Subject));
    }

    [Fact]
    public async Task When_a_buyer_tries_to_create_a_manager_Should_be_refused_with_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts")
        {
            Content = JsonContent.Create(new { displayName = "Intrus", email = UniqueEmail(), password = "Bien-Longue-2026", role = "operator" }),
        };
        request.ActingAs("buyer-1", "buyer");

        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(request)).StatusCode);
    }
}

public sealed class MalformedRequestTests(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    [Theory]
    [InlineData("{\"displayName\": \"Karim\", ")]                // cut short
    [InlineData("{\"displayName\": 42, \"role\": []}")]          // wrong types
    [InlineData("[1, 2, 3]")]                                    // not an object
    public async Task When_the_body_is_not_a_valid_request_Should_answer_a_400_problem_and_stay_healthy(string body)
    {
        var http = identity.CreateClient();
        var response = await http.PostAsync("/accounts/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Healthy once the broker connection is up (a fresh host may still be connecting).
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the service to be healthy");
    }
}
