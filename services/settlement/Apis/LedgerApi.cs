using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Apis;

/// <summary>Reading the ledger: balances, the courier's cash, a cooperative's balance, the weekly figures.</summary>
public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/").WithTags("Ledger");
        ledger.MapGet("/accounts", Accounts).WithName("ListAccounts").For(Roles.Operator)
            .WithSummary("Every account's maintained balance (debit positive), the ledger's total (always zero) and the sum of the lines beside each balance");
        ledger.MapGet("/entries", Entries).WithName("ListEntries").For(Roles.Operator)
            .WithSummary("Journal entries with their lines, newest first, paged");
        ledger.MapGet("/courier/cash-held", CashHeld).WithName("CourierCashHeld").For(Roles.Operator)
            .WithSummary("Parcels whose cash the courier holds, oldest first, with their age in days");
        ledger.MapGet("/cooperatives/{cooperativeId:guid}/balance", CooperativeBalance).WithName("CooperativeBalance")
            .For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("What the agency owes a cooperative: its balance, the parcels not yet in a payout, and payouts awaiting the transfer");
        ledger.MapGet("/reports/weekly", Weekly).WithName("WeeklyReport").For(Roles.Operator)
            .WithSummary("Cash remitted by the courier and paid out to cooperatives per week (Monday, Casablanca time), the last 12 weeks");
        return ledger;
    }

    public sealed record AccountBalance(string Code, Guid? CooperativeId, decimal BalanceMad, decimal SumOfLinesMad);

    public sealed record LedgerState(IReadOnlyList<AccountBalance> Accounts, decimal TotalMad, bool Balanced);

    public sealed record LineResponse(string Account, decimal AmountMad);

    public sealed record EntryResponse(Guid Id, string SourceId, string Kind, string Description, DateTimeOffset PostedAt, IReadOnlyList<LineResponse> Lines);

    public sealed record HeldParcel(Guid ShipmentId, Guid OrderId, string TrackingNumber, Guid? CooperativeId, decimal AmountMad, DateTimeOffset CollectedAt, int AgeDays);

    public sealed record CashHeldResponse(decimal TotalMad, int Parcels, IReadOnlyList<HeldParcel> Items);

    /// <summary>A parcel on a statement; one returned after an earlier payout paid it comes back with negative amounts.</summary>
    public sealed record StatementLine(Guid OrderId, string TrackingNumber, DateTimeOffset CollectedAt, decimal GrossMad, decimal FeeMad, decimal NetMad,
        bool ReturnedAfterPayout = false);

    public sealed record CooperativeBalanceResponse(Guid CooperativeId, decimal OwedMad, decimal UnpaidParcelsMad, IReadOnlyList<StatementLine> UnpaidParcels, decimal AwaitingTransferMad);

    public sealed record WeekFigures(DateOnly Week, decimal RemittedMad, decimal PaidMad);

    private static async Task<Ok<LedgerState>> Accounts([AsParameters] SettlementServices services, CancellationToken ct)
    {
        var sums = await services.Db.Lines.GroupBy(l => l.AccountCode).Select(g => new { g.Key, Sum = g.Sum(l => l.AmountMad) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var accounts = await services.Db.Accounts.AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct);
        var items = accounts.Select(a => new AccountBalance(a.Code, Model.Accounts.CooperativeOf(a.Code), a.BalanceMad, sums.GetValueOrDefault(a.Code))).ToList();
        var total = items.Sum(a => a.BalanceMad);
        return TypedResults.Ok(new LedgerState(items, total, total == 0m && items.All(a => a.BalanceMad == a.SumOfLinesMad)));
    }

    private static async Task<Ok<Page<EntryResponse>>> Entries([AsParameters] SettlementServices services, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var total = await services.Db.Entries.CountAsync(ct);
        var entries = await services.Db.Entries.AsNoTracking().Include(e => e.Lines).OrderByDescending(e => e.PostedAt).ThenByDescending(e => e.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<EntryResponse>(entries.Select(e => new EntryResponse(e.Id, e.SourceId, e.Kind, e.Description, e.PostedAt,
            e.Lines.Select(l => new LineResponse(l.AccountCode, l.AmountMad)).ToList())).ToList(), number, size, total));
    }

    private static async Task<Ok<CashHeldResponse>> CashHeld([AsParameters] SettlementServices services, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var held = services.Db.Parcels.AsNoTracking().Where(p => p.CollectedAt != null && p.ReturnedAt == null && p.RemittedAt == null);
        var totalMad = await held.SumAsync(p => p.CollectedMad ?? 0m, ct);
        var count = await held.CountAsync(ct);
        var now = services.Clock.GetUtcNow();
        var items = await held.OrderBy(p => p.CollectedAt).ThenBy(p => p.ShipmentId).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new CashHeldResponse(totalMad, count, items.Select(p => new HeldParcel(p.ShipmentId, p.OrderId, p.TrackingNumber,
            p.CooperativeId, p.CollectedMad!.Value, p.CollectedAt!.Value, (int)(now - p.CollectedAt.Value).TotalDays)).ToList()));
    }

    private static async Task<Results<Ok<CooperativeBalanceResponse>, ProblemHttpResult>> CooperativeBalance(
        Guid cooperativeId, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        if (!services.MaySee(cooperativeId)) return Problems.Forbidden(services.Http);
        var code = Model.Accounts.Cooperative(cooperativeId);
        var balance = await services.Db.Accounts.AsNoTracking().Where(a => a.Code == code).Select(a => (decimal?)a.BalanceMad).FirstOrDefaultAsync(ct) ?? 0m;
        var unpaid = await services.Db.Parcels.AsNoTracking()
            .Where(p => p.CooperativeId == cooperativeId && p.CollectedAt != null && p.ReturnedAt == null && p.PayoutId == null)
            .OrderBy(p => p.CollectedAt).Take(Paging.MaxPageSize).ToListAsync(ct);
        var unpaidTotal = await services.Db.Parcels
            .Where(p => p.CooperativeId == cooperativeId && p.CollectedAt != null && p.ReturnedAt == null && p.PayoutId == null).SumAsync(p => p.NetMad, ct);
        var awaiting = await services.Db.Payouts.Where(p => p.CooperativeId == cooperativeId && p.Status == PayoutStatus.Pending).SumAsync(p => p.AmountMad, ct);
        return TypedResults.Ok(new CooperativeBalanceResponse(cooperativeId, -balance, unpaidTotal, unpaid.Select(ToStatementLine).ToList(), awaiting));
    }

    public static StatementLine ToStatementLine(Parcel p) =>
        new(p.OrderId, p.TrackingNumber, p.CollectedAt!.Value, p.CollectedMad!.Value, p.CollectedMad.Value - p.NetMad, p.NetMad);

    public static StatementLine ToClawbackLine(Parcel p) =>
        new(p.OrderId, p.TrackingNumber, p.CollectedAt!.Value, -p.CollectedMad!.Value, -(p.CollectedMad.Value - p.NetMad), -p.NetMad, ReturnedAfterPayout: true);

    private static async Task<Ok<IReadOnlyList<WeekFigures>>> Weekly([AsParameters] SettlementServices services, CancellationToken ct)
    {
        var today = services.Clock.Today();
        var firstWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * 11);
        var since = MoroccoTime.At(firstWeek, TimeOnly.MinValue);
        var remitted = await services.Db.Remittances.AsNoTracking().Where(r => r.ReceivedAt >= since)
            .Select(r => new { r.ReceivedAt, r.TransferredMad }).ToListAsync(ct);
        var paid = await services.Db.Payouts.AsNoTracking().Where(p => p.PaidAt != null && p.PaidAt >= since)
            .Select(p => new { PaidAt = p.PaidAt!.Value, p.AmountMad }).ToListAsync(ct);
        DateOnly WeekOf(DateTimeOffset at) { var d = MoroccoTime.DateOf(at); return d.AddDays(-(((int)d.DayOfWeek + 6) % 7)); }
        IReadOnlyList<WeekFigures> weeks = Enumerable.Range(0, 12).Select(i => firstWeek.AddDays(7 * i)).Select(w => new WeekFigures(w,
            remitted.Where(r => WeekOf(r.ReceivedAt) == w).Sum(r => r.TransferredMad), paid.Where(p => WeekOf(p.PaidAt) == w).Sum(p => p.AmountMad))).ToList();
        return TypedResults.Ok(weeks);
    }
}
