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
    /// <summary>A partner association's manager: its scope is the association, and through it every centre the association runs.</summary>
    public const string AssociationManager = "association-manager";

    /// <summary>Who may run a centre's work (each endpoint's handler then checks which centre): its manager, the partner association running it, operators.</summary>
    public static readonly string[] CentreRunners = [CentreManager, AssociationManager, Operator];
}

/// <summary>
/// Who is calling: their id, role, and the scope they act in (the cooperative, centre or partner association a manager runs).
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
/// Reads the caller from the validated access token (claims <c>sub</c>, <c>role</c>, <c>tadamon_scope</c>). Without a
/// token the caller is anonymous. Every endpoint asks <see cref="Current"/> and never reads claims directly.
/// </summary>
public sealed class CallerAccessor(IHttpContextAccessor http)
{
    public Caller Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true) return Caller.Anonymous;
            return new Caller(
                user.FindFirst("sub")?.Value,
                user.FindFirst("role")?.Value,
                Guid.TryParse(user.FindFirst(TokenAuthentication.ScopeClaim)?.Value, out var scope) ? scope : null);
        }
    }
}
