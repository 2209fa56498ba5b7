using Tadamon.Settlement.Infrastructure;
using Tadamon.Settlement.Ledger;

namespace Tadamon.Settlement.Apis;

/// <summary>What settlement's handlers need, bound in one parameter.</summary>
// Services, not input: the request validator must not walk into the DbContext.
[Microsoft.Extensions.Validation.SkipValidation]
public sealed record SettlementServices(SettlementDbContext Db, CallerAccessor Callers, TimeProvider Clock, HttpContext Http, SettlementBook Book, PayoutRuns Payouts)
{
    public Caller Caller => Callers.Current;

    /// <summary>Operators see every cooperative; a cooperative manager only their own.</summary>
    public bool MaySee(Guid cooperativeId) =>
        Caller.IsInRole(Roles.Operator) || Caller.Manages(Roles.CooperativeManager, cooperativeId);

    public string By => Caller.UserId ?? "unknown";
}
