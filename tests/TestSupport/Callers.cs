namespace Tadamon.TestSupport;

/// <summary>
/// Who a test request comes from. Every test says it through here, so when the identity issue replaces the
/// stand-in headers with tokens, this file is the one that changes.
/// </summary>
public static class Callers
{
    private const string UserHeader = "X-Tadamon-User";
    private const string RoleHeader = "X-Tadamon-Role";
    private const string ScopeHeader = "X-Tadamon-Scope";

    public static HttpRequestMessage ActingAs(this HttpRequestMessage request, string user, string role, Guid? scope = null)
    {
        request.Headers.Add(UserHeader, user);
        request.Headers.Add(RoleHeader, role);
        if (scope is { } s) request.Headers.Add(ScopeHeader, s.ToString());
        return request;
    }

    /// <summary>Every request this client sends comes from that caller.</summary>
    public static HttpClient ActingAs(this HttpClient client, string user, string role, Guid? scope = null)
    {
        client.DefaultRequestHeaders.Add(UserHeader, user);
        client.DefaultRequestHeaders.Add(RoleHeader, role);
        if (scope is { } s) client.DefaultRequestHeaders.Add(ScopeHeader, s.ToString());
        return client;
    }
}
