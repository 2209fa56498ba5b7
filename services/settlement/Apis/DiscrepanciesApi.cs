using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Settlement.Ledger;
using Tadamon.Settlement.Model;

namespace Tadamon.Settlement.Apis;

/// <summary>What reconciliation could not match, and the operators' decisions on it.</summary>
public static class DiscrepanciesApi
{
    public static RouteGroupBuilder MapDiscrepanciesApi(this IEndpointRouteBuilder app)
    {
        var discrepancies = app.MapGroup("/discrepancies").WithTags("Discrepancies");
        discrepancies.MapGet("/", List).WithName("ListDiscrepancies").For(Roles.Operator)
            .WithSummary("Discrepancies, open ones by default (status=open|resolved|all), oldest first, paged, each with what to do");
        discrepancies.MapGet("/{id:guid}", Get).WithName("GetDiscrepancy").For(Roles.Operator).WithSummary("One discrepancy");
        discrepancies.MapPost("/{id:guid}/resolve", Resolve).WithName("ResolveDiscrepancy").For(Roles.Operator)
            .WithSummary("Close a discrepancy: settle (money moved between courier and bank, with its transfer reference) or write-off (with a note)");
        return discrepancies;
    }

    public sealed record ResolveRequest(
        [property: Required, StringLength(20)] string Action,
        [property: StringLength(100)] string? TransferReference,
        [property: StringLength(500)] string? Note);

    public sealed record DiscrepancyResponse(
        Guid Id, string Kind, string TrackingNumber, Guid? ShipmentId, Guid? RemittanceId, decimal ExpectedMad, decimal RemittedMad,
        decimal OutstandingMad, DateTimeOffset OpenedAt, bool Open, string? Resolution, string? Reference, string? Note, DateTimeOffset? ResolvedAt,
        string AdviceFr, string AdviceAr)
    {
        public static DiscrepancyResponse From(Discrepancy d)
        {
            var (fr, ar) = Advice(d.Kind);
            return new(d.Id, d.Kind, d.TrackingNumber, d.ShipmentId, d.RemittanceId, d.ExpectedMad, d.RemittedMad, d.OutstandingMad, d.OpenedAt,
                d.IsOpen, d.Resolution, d.Reference, d.Note, d.ResolvedAt, fr, ar);
        }
    }

    /// <summary>What to do, in short; docs/runbook.md says it at length.</summary>
    public static (string Fr, string Ar) Advice(string kind) => kind switch
    {
        DiscrepancyKinds.AmountMismatch => ("Le montant versé diffère de l'encaissé : réclamer l'écart au transporteur (régler avec la référence du virement) ou l'absorber (passer en perte avec une note).",
            "المبلغ المحول يختلف عن المبلغ المحصل: طالب الناقل بالفرق (سدد بمرجع التحويل) أو تحمله (شطب مع ملاحظة)."),
        DiscrepancyKinds.RemittedTwice => ("Colis versé deux fois : rembourser le transporteur (régler avec la référence) ou le déduire par accord (passer en perte avec une note).",
            "طرد محول مرتين: أرجع المبلغ للناقل (سدد بالمرجع) أو اخصمه باتفاق (شطب مع ملاحظة)."),
        DiscrepancyKinds.UnknownParcel => ("Colis versé sans encaissement connu : vérifier le suivi ; s'il a été retourné, rembourser le transporteur ; l'écart se ferme seul si l'encaissement arrive.",
            "طرد محول دون تحصيل معروف: تحقق من التتبع؛ إن أعيد فأرجع المبلغ للناقل؛ يغلق تلقائيا إن وصل التحصيل."),
        DiscrepancyKinds.MissingFromRemittance => ("Colis encaissé absent du relevé : réclamer l'argent au transporteur ; l'écart se ferme seul au prochain relevé qui le contient.",
            "طرد محصل غائب عن الكشف: طالب الناقل بالمبلغ؛ يغلق تلقائيا في الكشف القادم الذي يتضمنه."),
        DiscrepancyKinds.HeldTooLong => ("Le transporteur garde l'argent au-delà du délai : le relancer ; se ferme seul au versement.",
            "الناقل يحتفظ بالمبلغ أكثر من المدة: ذكره؛ يغلق تلقائيا عند التحويل."),
        _ => ("Voir le guide d'exploitation.", "انظر دليل التشغيل."),
    };

    private static async Task<Ok<Page<DiscrepancyResponse>>> List([AsParameters] SettlementServices services, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = services.Db.Discrepancies.AsNoTracking();
        query = status switch
        {
            "resolved" => query.Where(d => d.ResolvedAt != null),
            "all" => query,
            _ => query.Where(d => d.ResolvedAt == null),
        };
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.OpenedAt).ThenBy(d => d.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Page<DiscrepancyResponse>(items.Select(DiscrepancyResponse.From).ToList(), number, size, total));
    }

    private static async Task<Results<Ok<DiscrepancyResponse>, NotFound>> Get(Guid id, [AsParameters] SettlementServices services, CancellationToken ct) =>
        await services.Db.Discrepancies.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } d
            ? TypedResults.Ok(DiscrepancyResponse.From(d))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<DiscrepancyResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Resolve(
        Guid id, ResolveRequest request, [AsParameters] SettlementServices services, CancellationToken ct)
    {
        var http = services.Http;
        if (!Resolutions.All.Contains(request.Action))
            return Problems.Invalid(http, "action", "Action inconnue : settle ou write-off.", "إجراء غير معروف: settle أو write-off.");
        if (request.Action == Resolutions.Settle && string.IsNullOrWhiteSpace(request.TransferReference))
            return Problems.Invalid(http, "transferReference", "Indiquez la référence du virement.", "أدخل مرجع التحويل.");
        if (request.Action == Resolutions.WriteOff && string.IsNullOrWhiteSpace(request.Note))
            return Problems.Invalid(http, "note", "Dites pourquoi l'écart est passé en perte.", "اذكر سبب الشطب.");

        await using var tx = await services.Db.Database.BeginTransactionAsync(ct);
        await services.Db.LockReconciliationAsync(ct);
        var discrepancy = await services.Db.Discrepancies.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (discrepancy is null) return TypedResults.NotFound();
        if (!discrepancy.IsOpen)
            return Problems.Conflict(http, "Cet écart est déjà clos.", "هذا الفرق مغلق بالفعل.", "already-resolved");
        await services.Book.ResolveAsync(discrepancy, request.Action, request.TransferReference?.Trim(), request.Note?.Trim(), services.By, ct);
        await services.Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DiscrepancyResponse.From(discrepancy));
    }
}
