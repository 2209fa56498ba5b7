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

/// <summary>One page of a list; <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public static class Paging
{
    public const int MaxPageSize = 50;

    /// <summary>Out-of-range values are brought into range rather than refused: a list always answers.</summary>
    public static (int Page, int Size) Clamp(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));
}
