using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tadamon.Web.Backend;

namespace Tadamon.Web.Account;

/// <summary>
/// A signed-in person is an encrypted, HttpOnly, SameSite=Lax cookie holding identity's access and refresh
/// tokens. Pages read role and scope from it; calls to services carry the access token, which is refreshed
/// shortly before it expires. The browser never sees a token.
/// </summary>
public static class Session
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ScopeClaim = "tadamon_scope";

    public sealed record Tokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

    /// <summary>The identity service's password grant. Null when the login or password is wrong (or the account locked).</summary>
    public static async Task<Tokens?> PasswordGrantAsync(IHttpClientFactory clients, string username, string password, CancellationToken ct) =>
        await GrantAsync(clients, new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = username, ["password"] = password, ["scope"] = "offline_access",
        }, ct);

    private static async Task<Tokens?> GrantAsync(IHttpClientFactory clients, Dictionary<string, string> form, CancellationToken ct)
    {
        using var response = await clients.CreateClient(Services.Identity).PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
        if (!response.IsSuccessStatusCode) return null;
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var expiresIn = json.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300;
        return new Tokens(json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var r) ? r.GetString() : null, DateTimeOffset.UtcNow.AddSeconds(expiresIn));
    }

    /// <summary>
    /// Who the token names. The token came straight from identity over the platform's own network, so its payload
    /// is read, not re-verified here; every service verifies it on each call.
    /// </summary>
    public static ClaimsPrincipal PrincipalOf(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        var claims = new List<Claim>();
        foreach (var name in new[] { "sub", "name", "role", ScopeClaim })
        {
            if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                claims.Add(new Claim(name, value.GetString()!));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
    }

    public static AuthenticationProperties PropertiesOf(Tokens tokens)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokens);
        return properties;
    }

    private static void Store(AuthenticationProperties properties, Tokens tokens)
    {
        var list = new List<AuthenticationToken>
        {
            new() { Name = "access_token", Value = tokens.AccessToken },
            new() { Name = "expires_at", Value = tokens.ExpiresAt.ToString("o") },
        };
        if (tokens.RefreshToken is not null) list.Add(new() { Name = "refresh_token", Value = tokens.RefreshToken });
        properties.StoreTokens(list);
    }

    /// <summary>Swaps the refresh token for fresh tokens a minute before the access token runs out; signs out when refused.</summary>
    public static async Task RefreshWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue("expires_at");
        if (expiresAt is null || DateTimeOffset.Parse(expiresAt) > DateTimeOffset.UtcNow.AddMinutes(1)) return;
        var refresh = context.Properties.GetTokenValue("refresh_token");
        var clients = context.HttpContext.RequestServices.GetRequiredService<IHttpClientFactory>();
        var tokens = refresh is null ? null : await GrantAsync(clients,
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }, context.HttpContext.RequestAborted);
        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        Store(context.Properties, tokens);
        context.ReplacePrincipal(PrincipalOf(tokens.AccessToken));
        context.ShouldRenew = true;
    }
}

/// <summary>What pages ask about the signed-in person.</summary>
public static class PersonExtensions
{
    public static bool IsA(this ClaimsPrincipal user, string role) => user.Identity?.IsAuthenticated == true && user.HasClaim("role", role);
    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirst("role")?.Value;
    public static string? NameOf(this ClaimsPrincipal user) => user.FindFirst("name")?.Value;
    public static Guid? ScopeOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirst(Session.ScopeClaim)?.Value, out var id) ? id : null;
}
