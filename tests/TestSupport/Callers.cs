using System.Net.Http.Headers;

namespace Tadamon.TestSupport;

/// <summary>
/// Who a test request comes from, for a service hosted alone: a bearer token from <see cref="TestTokens"/> with that
/// subject, role and scope. End-to-end tests sign in at the identity service instead.
/// </summary>
public static class Callers
{
    public static HttpRequestMessage ActingAs(this HttpRequestMessage request, string user, string role, Guid? scope = null)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint(user, role, scope));
        return request;
    }

    /// <summary>Every request this client sends comes from that caller.</summary>
    public static HttpClient ActingAs(this HttpClient client, string user, string role, Guid? scope = null)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Mint(user, role, scope));
        return client;
    }
}
