using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Apis;

/// <summary>Paying the cooperatives: the operator runs a period's batch, then records each bank transfer.</summary>
public static class PayoutsApi
{
    public static RouteGroupBuilder MapPayoutsApi(this IEndpointRouteBuilder app)
    {
        var payouts = app.MapGroup("/payouts").WithTags("Payouts");
        payouts.MapPost("/batches", RunBatch).WithName("RunPayoutBatch").For(Roles.Operator)
            .WithSummary("Run the payouts of a period ending on periodEnd (Casablanca date): one per cooperative owed money; the same period again returns the same batch");
        payouts.MapGet("/batches", ListBatches).WithName("ListPayoutBatches").For(Roles.Operator).WithSummary("Payout batches, newest period first, paged");
        payouts.MapGet("/batches/{id:guid}", GetBatch).WithName("GetPayoutBatch").For(Roles.Operator).WithSummary("One batch with its payouts");
        payouts.MapGet("/", List).WithName("ListPayouts").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Payouts (cooperative manager: their cooperative's; operator: all, or one cooperative's), newest first, paged");
        payouts.MapGet("/{id:guid}", Get).WithName("GetPayout").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("A payout's statement: its delivered orders with gross, fee and net");
        payouts.MapGet("/{id:guid}/statement.csv", Csv).WithName("GetPayoutStatementCsv").For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("The statement as CSV (UTF-8)");
        payouts.MapPost("/{id:guid}/paid", MarkPaid).WithName("MarkPayoutPaid").For(Roles.Operator)
            .WithSummary("Record the bank transfer that paid the payout; the same reference again changes nothing, another is refused (409)");
        return payouts;
    }

    /// <summary>The last day of the period (weekly: a Sunday); parcels collected by the end of that day are paid.</summary>
    public sealed record RunBatchRequest([property: Required] DateOnly? PeriodEnd);

    public sealed record MarkPaidRequest([property: Required, StringLength(100, MinimumLength = 1)] string TransferReference);

    public sealed record PayoutResponse(Guid Id, Guid BatchId, Guid CooperativeId, DateOnly PeriodEnd, int ParcelCount, decimal GrossMad, decimal FeesMad,
        decimal ClawbacksMad, decimal AmountMad, string Status, string? TransferReference, DateTimeOffset? PaidAt, IReadOnlyList<LedgerApi.StatementLine>? Lines)
    {
        public static PayoutResponse From(Payout p, IReadOnlyList<LedgerApi.StatementLine>? lines = null) => new(p.Id, p.BatchId, p.CooperativeId,
            p.PeriodEnd, p.ParcelCount, p.GrossMad, p.FeesMad, p.ClawbacksMad, p.AmountMad, p.Status.ToString(), p.TransferReference, p.PaidAt, lines);
    }

    public sealed record BatchResponse(Guid Id, DateOnly PeriodEnd, DateTimeOffset CreatedAt, decimal TotalMad, int Paid, IReadOnlyList<PayoutResponse> Payouts)
    {
        public static BatchResponse From(PayoutBatch b) => new(b.Id, b.PeriodEnd, b.CreatedAt, b.Payouts.Sum(p => p.AmountMad),
            b.Payouts.Count(p => p.Status == PayoutStatus.Paid), b.Payouts.OrderBy(p => p.CooperativeId).Select(p => PayoutResponse.From(p)).ToList());
    }

    private static async Task<Results<Created<BatchResponse>, Ok<BatchResponse>, ValidationProblem>> RunBatch(
        RunBatchRequest request, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        var today = services.Clock.Today();
        var periodEnd = request.PeriodEnd!.Value;
        if (periodEnd > today)
            return Problems.Invalid(services.Http, "periodEnd", "La période ne peut pas finir dans le futur.", "لا يمكن أن تنتهي الفترة في المستقبل.");

        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        var (batch, created) = await services.Payouts.RunAsync(periodEnd, services.By, ct);
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created ? TypedResults.Created($"/payouts/batches/{batch.Id}", BatchResponse.From(batch)) : TypedResults.Ok(BatchResponse.From(batch));
    }

    private static async Task<Ok<Page<BatchResponse>>> ListBatches([AsParameters] SettlementServices services, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var total = await services.Db.PayoutBatches.CountAsync(ct);
        var batches = await services.Db.PayoutBatches.AsNoTracking().Include(b => b.Payouts).OrderByDescending(b => b.PeriodEnd)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<BatchResponse>(batches.Select(BatchResponse.From).ToList(), number, size, total));
    }

    private static async Task<Results<Ok<BatchResponse>, NotFound>> GetBatch(Guid id, [AsParameters] SettlementServices services, CancellationToken ct) =>
        await services.Db.PayoutBatches.AsNoTracking().Include(b => b.Payouts).FirstOrDefaultAsync(b => b.Id == id, ct) is { } batch
            ? TypedResults.Ok(BatchResponse.From(batch))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<Page<PayoutResponse>>, ProblemHttpResult>> List(
        [AsParameters] SettlementServices services, Guid? cooperativeId, int? page, int? pageSize, CancellationToken ct)
    {
        var caller = services.Caller;
        var query = services.Db.Payouts.AsNoTracking();
        if (!caller.IsInRole(Roles.Operator))
        {
            if (caller.ScopeId is not { } own || (cooperativeId is { } asked && asked != own)) return Problems.Forbidden(services.Http);
            cooperativeId = own;
        }
        if (cooperativeId is { } c) query = query.Where(p => p.CooperativeId == c);
        var (number, size) = Paging.Clamp(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.PeriodEnd).ThenBy(p => p.CooperativeId).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<PayoutResponse>(items.Select(p => PayoutResponse.From(p)).ToList(), number, size, total));
    }

    /// <summary>The payout if the caller may see it; someone else's payout answers like a missing one.</summary>
    private static async Task<Payout?> VisibleAsync(Guid id, SettlementServices services, CancellationToken ct, bool track = false)
    {
        var query = track ? services.Db.Payouts : services.Db.Payouts.AsNoTracking();
        var payout = await query.FirstOrDefaultAsync(p => p.Id == id, ct);
        return payout is not null && services.MaySee(payout.CooperativeId) ? payout : null;
    }

    /// <summary>The parcels the payout paid, then those it took back (negative amounts): the lines sum to its amount.</summary>
    private static async Task<IReadOnlyList<LedgerApi.StatementLine>> LinesAsync(Payout payout, SettlementServices services, CancellationToken ct)
    {
        var parcels = await services.Db.Parcels.AsNoTracking().Where(p => p.PayoutId == payout.Id || p.ClawbackPayoutId == payout.Id)
            .OrderBy(p => p.CollectedAt).ThenBy(p => p.ShipmentId).ToListAsync(ct);
        return [.. parcels.Where(p => p.PayoutId == payout.Id).Select(LedgerApi.ToStatementLine),
            .. parcels.Where(p => p.ClawbackPayoutId == payout.Id).Select(LedgerApi.ToClawbackLine)];
    }

    private static async Task<Results<Ok<PayoutResponse>, NotFound>> Get(Guid id, [AsParameters] SettlementServices services, CancellationToken ct) =>
        await VisibleAsync(id, services, ct) is { } payout
            ? TypedResults.Ok(PayoutResponse.From(payout, await LinesAsync(payout, services, ct)))
            : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> Csv(Guid id, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        if (await VisibleAsync(id, services, ct) is not { } payout) return TypedResults.NotFound();
        var csv = new StringBuilder("order_id,tracking_number,collected_at,gross_mad,fee_mad,net_mad,returned_after_payout\r\n");
        var lines = await LinesAsync(payout, services, ct);
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{l.OrderId},{l.TrackingNumber},{l.CollectedAt:yyyy-MM-ddTHH:mm:ssZ},{l.GrossMad:0.00},{l.FeeMad:0.00},{l.NetMad:0.00},{(l.ReturnedAfterPayout ? "yes" : "no")}\r\n");
        }
        csv.Append(CultureInfo.InvariantCulture, $"total,,,{lines.Sum(l => l.GrossMad):0.00},{lines.Sum(l => l.FeeMad):0.00},{payout.AmountMad:0.00},\r\n");
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
            $"payout-{payout.PeriodEnd:yyyy-MM-dd}-{payout.CooperativeId}.csv");
    }

    private static async Task<Results<Ok<PayoutResponse>, NotFound, ProblemHttpResult>> MarkPaid(
        Guid id, MarkPaidRequest request, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        var reference = request.TransferReference.Trim();
        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        // Two operators recording the same payout at once: the second waits here, then sees it paid.
        var payout = await services.Db.Payouts.FromSql($"SELECT * FROM payouts WHERE \"Id\" = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (payout is null) return TypedResults.NotFound();
        if (payout.Status == PayoutStatus.Paid)
        {
            return payout.TransferReference == reference
                ? TypedResults.Ok(PayoutResponse.From(payout))
                : Problems.Conflict(services.Http, "Ce versement est déjà payé par un autre virement.", "تم أداء هذا المبلغ بتحويل آخر.", "already-paid");
        }
        services.Payouts.MarkPaid(payout, reference);
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(PayoutResponse.From(payout));
    }
}
