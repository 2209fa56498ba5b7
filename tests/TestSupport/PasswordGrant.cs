using System.Text.Json;

namespace Tadamon.TestSupport;

/// <summary>The password grant at identity's token endpoint, through the gateway: what every test sign-in does.</summary>
public static class PasswordGrant
{
    /// <summary>The token endpoint's answer (<c>access_token</c>, <c>expires_in</c>...); a refusal throws with its body.</summary>
    public static async Task<JsonElement> SignInAsync(HttpClient gateway, string login, string password)
    {
        using var response = await gateway.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = login, ["password"] = password }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {login}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
