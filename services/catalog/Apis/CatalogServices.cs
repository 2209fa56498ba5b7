using Tadamon.Catalog.Infrastructure;

namespace Tadamon.Catalog.Apis;

/// <summary>What catalog's handlers need, bound in one parameter so their signatures stay about the request.</summary>
// Services, not input: the request validator must not walk into the DbContext.
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record CatalogServices(CatalogDbContext Db, CallerAccessor Callers, TimeProvider Clock, HttpContext Http)
{
    public Caller Caller => Callers.Current;

    /// <summary>Operators act on any cooperative; a manager only on the one they run.</summary>
    public bool CanManage(Guid cooperativeId) =>
        Caller.IsInRole(Roles.Operator) || Caller.Manages(Roles.CooperativeManager, cooperativeId);
}

