using System.Security.Claims;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;

namespace Tadamon.Web.Learn;

/// <summary>
/// Which centre the centre pages are about: a centre manager's own; for a partner association's manager, the one
/// picked in <c>?centre=</c>, provided the association runs it (the services check again on every call).
/// </summary>
public static class ManagedCentres
{
    public const string QueryName = "centre";

    /// <summary>The centres the signed-in association manager's association runs now.</summary>
    public static async Task<IReadOnlyList<Centre>> OfAssociationAsync(ClaimsPrincipal user, Api api, CancellationToken ct) =>
        user.IsA(Roles.AssociationManager) && user.ScopeOf() is { } association
            ? (await api.GetAsync<Page<Centre>>(Services.Courses, $"/centres?associationId={association}&pageSize={Paging.MaxPageSize}", ct)).Items
            : [];

    /// <summary>The centre to show, or null when this person may not manage the one asked for.</summary>
    public static async Task<Guid?> ResolveAsync(ClaimsPrincipal user, Guid? asked, Api api, CancellationToken ct)
    {
        if (user.IsA(Roles.CentreManager)) return user.ScopeOf();
        if (asked is not { } centre) return null;
        return (await OfAssociationAsync(user, api, ct)).Any(c => c.Id == centre) ? centre : null;
    }

    /// <summary>What links within the centre pages carry so an association's manager stays in the centre they picked.</summary>
    public static string Suffix(ClaimsPrincipal user, Guid? centre) =>
        user.IsA(Roles.AssociationManager) && centre is { } id ? $"?{QueryName}={id}" : "";
}
