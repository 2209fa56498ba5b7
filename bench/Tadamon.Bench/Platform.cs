using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tadamon.Bench;

/// <summary>
/// The platform as its users reach it: through the gateway, with access tokens from identity (no stand-in
/// headers). One shared HTTP client; every call names its caller by token.
/// </summary>
public sealed class Platform(HttpClient http, string gateway)
{
    public const string DemoPassword = "Tadamon-2026";

    public HttpClient Http => http;
    public string Gateway => gateway;

    /// <summary>Password grant at identity's token endpoint; the access token.</summary>
    public async Task<string> LoginAsync(string username, string password = DemoPassword)
    {
        using var response = await http.PostAsync($"{gateway}/api/identity/connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login of {username}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Self-service account (buyer or beneficiary), then its token.</summary>
    public async Task<string> RegisterAndLoginAsync(string displayName, string email, string role)
    {
        var password = $"Bench-{Guid.NewGuid():N}";
        using var response = await http.PostAsJsonAsync($"{gateway}/api/identity/accounts/register",
            new { displayName, email, password, role });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"register {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await LoginAsync(email, password);
    }

    /// <summary>Many accounts at once, a few at a time: identity's password hashing is deliberately slow.</summary>
    public async Task<string[]> RegisterManyAsync(int count, string role, string run, int parallelism = 4)
    {
        var tokens = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
            tokens[i] = await RegisterAndLoginAsync($"Bench {role} {i}", $"{role}-{i}-{run}@bench.tadamon.ma", role));
        return tokens;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null,
        string? idempotencyKey = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, gateway + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response;
    }

    /// <summary>A call that must succeed; its JSON answer.</summary>
    public async Task<JsonElement> RequireAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var response = await SendAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A claim from the token's payload (the bench only reads its own tokens, it never trusts them).</summary>
    public static string? Claim(string token, string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    /// <summary>Polls until <paramref name="done"/> holds, or fails after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
