using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Tadamon.TestSupport;

/// <summary>
/// Real tokens from identity, through the gateway, cached per login: the gateway rate-limits logins per client, so
/// a suite logs each account in once and reuses the token until shortly before it expires (15 minutes).
/// </summary>
public sealed class Logins(HttpClient gateway)
{
    public const string DemoPassword = "Tadamon-2026";
    public const string Operator = "operateur@tadamon.ma";
    public const string Buyer = "acheteur@tadamon.ma";
    public const string CooperativeManager = "cooperative@tadamon.ma";
    public const string CentreManager = "centre@tadamon.ma";
    public const string Beneficiary = "0612345678";
    public const string AssociationManager = "association@tadamon.ma";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<string> TokenAsync(string login, string password = DemoPassword)
    {
        if (_tokens.TryGetValue(login, out var cached) && cached.Expires - RenewBefore > DateTimeOffset.UtcNow) return cached.Token;
        await _gate.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(login, out cached) && cached.Expires - RenewBefore > DateTimeOffset.UtcNow) return cached.Token;
            var json = await PasswordGrant.SignInAsync(gateway, login, password);
            var token = json.GetProperty("access_token").GetString()!;
            _tokens[login] = (token, DateTimeOffset.UtcNow.AddSeconds(json.GetProperty("expires_in").GetInt32()));
            return token;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Opens a buyer or beneficiary account (self-service); an existing one is kept.</summary>
    public async Task RegisterAsync(string displayName, string? email, string? phone, string role, string password = DemoPassword)
    {
        using var response = await gateway.PostAsync("/api/identity/accounts/register", System.Net.Http.Json.JsonContent.Create(
            new { displayName, email, phone, password, role }));
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            throw new InvalidOperationException($"Registering {email ?? phone}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An operator creates a manager account scoped to a cooperative or a centre; an existing one is kept.</summary>
    public async Task CreateManagerAsync(string email, string role, Guid scopeId, string password = DemoPassword)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { displayName = email.Split('@')[0], email, password, role, scopeId }),
        }.WithToken(await TokenAsync(Operator));
        using var response = await gateway.SendAsync(request);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            throw new InvalidOperationException($"Creating {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

public static class BearerExtensions
{
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
