using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>The kinds of people who use the platform.</summary>
public static class Roles
{
    public const string Buyer = "buyer";
    public const string CooperativeManager = "cooperative-manager";
    public const string Operator = "operator";
    public const string CentreManager = "centre-manager";
    public const string Beneficiary = "beneficiary";
}

/// <summary>
/// Who is calling: their id, role, and the scope they act in (the cooperative or centre a manager runs).
/// Anonymous callers have no id and no role.
/// </summary>
public sealed record Caller(string? UserId, string? Role, Guid? ScopeId)
{
    public static readonly Caller Anonymous = new(null, null, null);

    public bool IsAuthenticated => UserId is not null;
    public bool IsInRole(string role) => string.Equals(Role, role, StringComparison.Ordinal);

    /// <summary>True when a manager of the given role runs exactly this cooperative or centre.</summary>
    public bool Manages(string role, Guid scopeId) => IsInRole(role) && ScopeId == scopeId;
}

/// <summary>
/// Reads the caller. Until the identity service lands this is the test-header stand-in
/// (<c>X-Tadamon-User</c>, <c>X-Tadamon-Role</c>, <c>X-Tadamon-Scope</c>); identity replaces this one class
/// with token claims, and every endpoint keeps asking <see cref="Current"/>.
/// </summary>
public sealed class CallerAccessor(IHttpContextAccessor http)
{
    public const string UserHeader = "X-Tadamon-User";
    public const string RoleHeader = "X-Tadamon-Role";
    public const string ScopeHeader = "X-Tadamon-Scope";

    public Caller Current
    {
        get
        {
            var headers = http.HttpContext?.Request.Headers;
            if (headers is null) return Caller.Anonymous;
            var user = headers[UserHeader].ToString();
            if (string.IsNullOrWhiteSpace(user)) return Caller.Anonymous;
            var role = headers[RoleHeader].ToString();
            Guid? scope = Guid.TryParse(headers[ScopeHeader].ToString(), out var s) ? s : null;
            return new Caller(user.Trim(), string.IsNullOrWhiteSpace(role) ? null : role.Trim(), scope);
        }
    }
}
