using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.TestSupport;
using Xunit;

namespace Tadamon.EndToEnd.Tests;

/// <summary>Tokens from the identity service, checked by the gateway and by the service behind it.</summary>
[Collection("platform")]
public sealed class TokenTests(PlatformFixture platform)
{
    private const string DeadLetters = "/api/courses/operations/dead-letters";

    [Fact]
    public async Task A_demo_operator_token_Should_open_operator_endpoints_and_a_buyer_token_should_not()
    {
        var operatorToken = await LoginAsync("operateur@tadamon.ma");
        var buyerToken = await LoginAsync("acheteur@tadamon.ma");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(DeadLetters, operatorToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(DeadLetters, buyerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(DeadLetters, token: null)).StatusCode);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("garbage")]
    public async Task A_token_that_fails_its_checks_Should_be_refused_with_401_even_beside_stand_in_headers(string kind)
    {
        var token = await LoginAsync("operateur@tadamon.ma");
        var parts = token.Split('.');
        var bad = kind == "tampered"
            ? $"{parts[0]}.{parts[1][..^2]}{(parts[1][^2] == 'A' ? 'B' : 'A')}{parts[1][^1]}.{parts[2]}" // claims changed, signature kept
            : "not.a.token";

        using var request = new HttpRequestMessage(HttpMethod.Get, DeadLetters);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bad);
        request.ActingAs("someone", "operator");
        using var response = await platform.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> LoginAsync(string username)
    {
        using var response = await platform.Gateway.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = "Tadamon-2026" }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"login of {username}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await platform.Gateway.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
