using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tadamon.TestSupport;

/// <summary>
/// Real accounts on a running platform, signed in at the identity service through the gateway. A test names the
/// caller it wants (a user name, a role, the cooperative or centre a manager runs) and gets a bearer token for an
/// account made to match: buyers and beneficiaries register themselves, managers are created by the demo operator.
/// Accounts are made once per platform and reused, so logins stay few (the gateway limits them).
/// </summary>
public sealed class PlatformAccounts(HttpClient gateway)
{
    public const string DemoPassword = Logins.DemoPassword;
    public const string DemoOperator = Logins.Operator;
    private const string Password = "Essai-Tadamon-2026";

    private readonly ConcurrentDictionary<string, Lazy<Task<Session>>> _sessions = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>A signed-in account: its id (the token's subject), role, scope and access token.</summary>
    public sealed record Session(Guid Id, string Role, Guid? Scope, string AccessToken)
    {
        public string User => Id.ToString();
    }

    /// <summary>The account standing for <paramref name="user"/> in that role and scope, made on first use.</summary>
    public Task<Session> ForAsync(string user, string role, Guid? scope = null) =>
        _sessions.GetOrAdd($"{user}|{role}|{scope}", _ => new Lazy<Task<Session>>(() => CreateAsync(user, role, scope))).Value;

    public Task<Session> OperatorAsync() => ForAsync("demo-operator", "operator");

    /// <summary>Signs in with a login and password: the password grant at the token endpoint.</summary>
    public async Task<Session> SignInAsync(string login, string password)
    {
        var token = (await PasswordGrant.SignInAsync(gateway, login, password)).GetProperty("access_token").GetString()!;
        var claims = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[1])).RootElement;
        return new Session(
            Guid.Parse(claims.GetProperty("sub").GetString()!),
            claims.GetProperty("role").GetString()!,
            claims.TryGetProperty("tadamon_scope", out var scope) ? Guid.Parse(scope.GetString()!) : null,
            token);
    }

    private async Task<Session> CreateAsync(string user, string role, Guid? scope)
    {
        if (user == "demo-operator") return await SignInAsync(DemoOperator, DemoPassword);
        var login = $"{user}.{role}.{scope?.ToString("N") ?? "x"}.{_run}@essai.tadamon.ma".ToLowerInvariant();
        var account = new { displayName = user, email = login, password = Password, role, scopeId = scope };
        using var request = role is "buyer" or "beneficiary"
            ? new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts/register") { Content = JsonContent.Create(account) }
            : new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts") { Content = JsonContent.Create(account) }
                .As(await OperatorAsync());
        using var response = await gateway.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating {role} {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return await SignInAsync(login, Password);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}

public static class SessionRequests
{
    /// <summary>Sends the request with that account's access token.</summary>
    public static HttpRequestMessage As(this HttpRequestMessage request, PlatformAccounts.Session session) =>
        request.WithToken(session.AccessToken);
}
