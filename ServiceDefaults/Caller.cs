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
/// Reads the caller: from the validated access token when one was presented; otherwise, until the tests move to
/// tokens (the identity issue's next step), from the stand-in headers <c>X-Tadamon-User</c>, <c>X-Tadamon-Role</c>,
/// <c>X-Tadamon-Scope</c>. Every endpoint asks <see cref="Current"/> and never looks at either directly.
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
            var context = http.HttpContext;
            if (context is null) return Caller.Anonymous;
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var claims = context.User;
                return new Caller(
                    claims.FindFirst("sub")?.Value,
                    claims.FindFirst("role")?.Value,
                    Guid.TryParse(claims.FindFirst(TokenAuthentication.ScopeClaim)?.Value, out var scoped) ? scoped : null);
            }
            var headers = context.Request.Headers;
            var user = headers[UserHeader].ToString();
            if (string.IsNullOrWhiteSpace(user)) return Caller.Anonymous;
            var role = headers[RoleHeader].ToString();
            Guid? scope = Guid.TryParse(headers[ScopeHeader].ToString(), out var s) ? s : null;
            return new Caller(user.Trim(), string.IsNullOrWhiteSpace(role) ? null : role.Trim(), scope);
        }
    }
}
