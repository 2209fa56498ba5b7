using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Tokens from the identity service, checked by the gateway and again by the service behind it. The refused tokens
/// are signed with identity's real key (read from the platform's state folder) so each one fails for the one reason
/// it names, and a control token made the same way is accepted.
/// </summary>
[Collection("platform")]
public sealed class TokenTests(PlatformFixture platform)
{
    private const string DeadLetters = "/operations/dead-letters";

    [Fact]
    public async Task A_demo_operator_token_Should_open_operator_endpoints_and_a_buyer_token_should_not()
    {
        var operatorToken = (await platform.Accounts.SignInAsync("operateur@tadamon.ma", PlatformAccounts.DemoPassword)).AccessToken;
        var buyerToken = (await platform.Accounts.SignInAsync("acheteur@tadamon.ma", PlatformAccounts.DemoPassword)).AccessToken;

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(platform.Gateway, "/api/courses" + DeadLetters, operatorToken));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(platform.Gateway, "/api/courses" + DeadLetters, buyerToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(platform.Gateway, "/api/courses" + DeadLetters, token: null));
    }

    public static TheoryData<string> BadTokens => ["expired", "other-key", "other-audience", "other-issuer", "tampered", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_one_check_Should_be_refused_by_the_gateway_and_by_the_service_itself(string kind)
    {
        using var direct = platform.App.CreateHttpClient("courses", "http");
        var token = BadToken(kind);

        foreach (var (client, url) in new[] { (platform.Gateway, "/api/courses" + DeadLetters), (direct, DeadLetters) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{kind} token at {client.BaseAddress}{url}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_token_signed_with_identitys_key_for_the_platform_Should_be_accepted_which_makes_the_refusals_above_meaningful()
    {
        using var direct = platform.App.CreateHttpClient("courses", "http");
        var token = TestTokens.Mint("control", "operator", signedWith: IdentityKey());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(platform.Gateway, "/api/courses" + DeadLetters, token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(direct, DeadLetters, token));
    }

    [Fact]
    public async Task The_dashboard_replay_command_Should_be_let_in_as_an_operator()
    {
        var commands = platform.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync("courses", "replay-dead-letters");
        Assert.True(result.Success, result.Message);
    }

    private string BadToken(string kind)
    {
        var key = IdentityKey();
        switch (kind)
        {
            case "expired": // well past the 30-second skew
                return TestTokens.Mint("late", "operator", signedWith: key, expires: DateTime.UtcNow.AddMinutes(-5));
            case "other-key":
                return TestTokens.Mint("forger", "operator", signedWith: new RsaSecurityKey(RSA.Create(2048)));
            case "other-audience":
                return TestTokens.Mint("elsewhere", "operator", signedWith: key, audience: "another-platform");
            case "other-issuer":
                return TestTokens.Mint("elsewhere", "operator", signedWith: key, issuer: "http://someone-else/");
            case "tampered": // a buyer's valid token whose role was rewritten to operator, signature kept
                var parts = TestTokens.Mint("buyer", "buyer", signedWith: key).Split('.');
                var claims = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"buyer\"", "\"operator\"");
                return $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
            default:
                return "not.a.token";
        }
    }

    /// <summary>Identity's signing key, as the AppHost generated it into the platform's state folder.</summary>
    private RsaSecurityKey IdentityKey()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(File.ReadAllText(Path.Combine(platform.StateDirectory, "identity", "signing.key"))), out _);
        return new RsaSecurityKey(rsa);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
