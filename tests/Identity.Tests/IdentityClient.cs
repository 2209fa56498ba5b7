using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tadamon.Identity.Tests;

/// <summary>What a frontend does against the identity service: register, log in, refresh, read the token.</summary>
internal static class IdentityClient
{
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient http, string name, string? email, string? phone, string role,
        string password = "Bien-Longue-2026") =>
        http.PostAsJsonAsync("/accounts/register", new { displayName = name, email, phone, password, role });

    public static Task<HttpResponseMessage> LoginAsync(HttpClient http, string username, string password = "Bien-Longue-2026", bool offline = false) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
            ["scope"] = offline ? "offline_access" : "",
        }));

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient http, string refreshToken) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Checks the access token as a service would: signature against the published key set, issuer, audience, lifetime.</summary>
    public static async Task<JsonWebToken> ValidateAsync(HttpClient http, string accessToken)
    {
        var jwks = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = "http://identity/",
            ValidAudience = "tadamon",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid) throw new InvalidOperationException("Token refused: " + result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
