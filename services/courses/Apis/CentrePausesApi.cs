using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Infrastructure;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Apis;

/// <summary>
/// Operators pause the in-person activity of centres (a commune, a type, or all) and later resume it; anyone sees
/// whether a centre is paused, so its pages can say so while pre-registration stays open.
/// </summary>
public static class CentrePausesApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapCentrePausesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/centres/{id:guid}/pause", GetCentrePause).WithTags("Centre pauses").WithName("GetCentrePause").Public()
            .WithSummary("The open pause of a centre's in-person activity, if any (204 when the centre runs normally)");
        var pauses = app.MapGroup("/centre-pauses").WithTags("Centre pauses");
        pauses.MapPost("/preview", Preview).WithName("PreviewCentrePause").For(Roles.Operator)
            .WithSummary("Which centres and courses a pause would take, and what it would do to each; changes nothing");
        pauses.MapPost("/", Pause).WithName("PauseCentres").For(Roles.Operator)
            .WithSummary("Pause the in-person activity of a commune's centres, a type of centre, or all. Send an `Idempotency-Key` header so a retry makes one pause");
        pauses.MapGet("/", ListPauses).WithName("ListCentrePauses").For(Roles.Operator).WithSummary("Pauses, newest first");
        pauses.MapGet("/{id:guid}", GetPause).WithName("GetCentrePauseDetails").For(Roles.Operator).WithSummary("One pause, with its centres and courses");
        pauses.MapPost("/{id:guid}/resume", Resume).WithName("ResumeCentres").For(Roles.Operator)
            .WithSummary("Resume the paused centres: switched courses go back to their mode unless their manager chose another since");
        return pauses;
    }

    public sealed record PreviewRequest(PauseScope Scope, [StringLength(100)] string? Commune, CentreType? CentreType, DateOnly From, DateOnly? Until);

    public sealed record PauseRequest(
        PauseScope Scope,
        [StringLength(100)] string? Commune,
        CentreType? CentreType,
        [Required, StringLength(240, MinimumLength = 5)] string ReasonAr,
        [Required, StringLength(240, MinimumLength = 5)] string ReasonFr,
        DateOnly From,
        DateOnly? Until);

    public sealed record PauseCentreResponse(Guid Id, string NameAr, string NameFr, string Commune, CentreType Type);

    public sealed record PausedCourseResponse(
        Guid CourseId, Guid CentreId, string TitleAr, string TitleFr, ServiceMode ModeBefore, ServiceMode ModeDuring,
        int CancelledLiveClasses, bool? Restored);

    public sealed record PreviewResponse(IReadOnlyList<PauseCentreResponse> Centres, IReadOnlyList<PausedCourseResponse> Courses);

    public sealed record PauseResponse(
        Guid Id, PauseScope Scope, string? Commune, CentreType? CentreType, string ReasonAr, string ReasonFr, DateOnly From, DateOnly? Until,
        string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ResumedAt, IReadOnlyList<PauseCentreResponse> Centres,
        IReadOnlyList<PausedCourseResponse> Courses);

    /// <summary>What the public pages show as a banner.</summary>
    public sealed record CentrePauseNotice(Guid PauseId, string ReasonAr, string ReasonFr, DateOnly From, DateOnly? Until);

    private static async Task<Results<Ok<CentrePauseNotice>, NoContent>> GetCentrePause(Guid id, RequestContext rc)
    {
        var pause = await rc.Db.CentrePauses.AsNoTracking().Where(p => p.ResumedAt == null && p.CentreIds.Contains(id))
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(rc.Ct);
        return pause is null ? TypedResults.NoContent() : TypedResults.Ok(new CentrePauseNotice(pause.Id, pause.ReasonAr, pause.ReasonFr, pause.From, pause.Until));
    }

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem>> Preview(PreviewRequest request, RequestContext rc)
    {
        if (Invalid(request.Scope, request.Commune, request.CentreType, request.From, request.Until, rc) is { } invalid) return invalid;
        var plan = await CentrePausing.PlanAsync(rc.Db, request.Scope, request.Commune?.Trim(), request.CentreType, request.From, request.Until,
            rc.Clock.GetUtcNow(), lockCentres: false, rc.Ct);
        return TypedResults.Ok(new PreviewResponse(plan.Centres.Select(CentreOf).ToList(),
            plan.Courses.Select(c => new PausedCourseResponse(c.Course.Id, c.Course.CentreId, c.Course.TitleAr, c.Course.TitleFr, c.Course.Mode,
                c.ModeDuring, c.Cancelled.Count, null)).ToList()));
    }

    private static async Task<Results<Created<PauseResponse>, Ok<PauseResponse>, ProblemHttpResult, ValidationProblem>> Pause(
        PauseRequest request, RequestContext rc)
    {
        var key = rc.Http.Request.Headers[IdempotencyHeader].ToString().Trim() is { Length: > 0 and <= 100 } k ? k : null;
        if (key is not null && await rc.Db.CentrePauses.AsNoTracking().Include(p => p.Courses).FirstOrDefaultAsync(p => p.IdempotencyKey == key, rc.Ct) is { } earlier)
            return TypedResults.Ok(await ResponseAsync(rc, earlier));
        if (Invalid(request.Scope, request.Commune, request.CentreType, request.From, request.Until, rc) is { } invalid) return invalid;

        var now = rc.Clock.GetUtcNow();
        await using var tx = await rc.Db.Database.BeginTransactionAsync(rc.Ct);
        var plan = await CentrePausing.PlanAsync(rc.Db, request.Scope, request.Commune?.Trim(), request.CentreType, request.From, request.Until,
            now, lockCentres: true, rc.Ct);
        if (plan.Centres.Count == 0)
            return Problems.Conflict(rc.Http, "Aucun centre à suspendre : aucun ne correspond, ou ils sont déjà suspendus.",
                "لا يوجد مركز لتعليق أنشطته: لا مركز مطابق، أو أنها معلقة مسبقا.", "nothing-to-pause");
        var pause = CentrePausing.Apply(rc.Db, plan, new CentrePause
        {
            Scope = request.Scope, Commune = request.Scope == PauseScope.Commune ? request.Commune!.Trim() : null,
            CentreType = request.Scope == PauseScope.CentreType ? request.CentreType : null,
            ReasonAr = request.ReasonAr.Trim(), ReasonFr = request.ReasonFr.Trim(), From = request.From, Until = request.Until,
            CreatedBy = rc.Caller.UserId ?? "operator", CreatedAt = now, IdempotencyKey = key,
        });
        try
        {
            await rc.Db.SaveChangesAsync(rc.Ct);
            await tx.CommitAsync(rc.Ct);
        }
        catch (DbUpdateException ex) when (key is not null && ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same request, sent twice at once: the other copy made the pause; answer with it.
            await tx.RollbackAsync(rc.Ct);
            rc.Db.ChangeTracker.Clear();
            var made = await rc.Db.CentrePauses.AsNoTracking().Include(p => p.Courses).FirstAsync(p => p.IdempotencyKey == key, rc.Ct);
            return TypedResults.Ok(await ResponseAsync(rc, made));
        }
        return TypedResults.Created($"/centre-pauses/{pause.Id}", await ResponseAsync(rc, pause));
    }

    private static async Task<Ok<Page<PauseResponse>>> ListPauses(RequestContext rc, bool? openOnly, int? page, int? pageSize)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = rc.Db.CentrePauses.AsNoTracking();
        if (openOnly == true) query = query.Where(x => x.ResumedAt == null);
        var total = await query.CountAsync(rc.Ct);
        var rows = await query.Include(x => x.Courses).OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .Skip((p - 1) * size).Take(size).AsSplitQuery().ToListAsync(rc.Ct);
        var items = new List<PauseResponse>();
        foreach (var row in rows) items.Add(await ResponseAsync(rc, row));
        return TypedResults.Ok(new Page<PauseResponse>(items, p, size, total));
    }

    private static async Task<Results<Ok<PauseResponse>, ProblemHttpResult>> GetPause(Guid id, RequestContext rc) =>
        await rc.Db.CentrePauses.AsNoTracking().Include(p => p.Courses).FirstOrDefaultAsync(p => p.Id == id, rc.Ct) is { } pause
            ? TypedResults.Ok(await ResponseAsync(rc, pause))
            : PauseNotFound(rc);

    private static async Task<Results<Ok<PauseResponse>, ProblemHttpResult>> Resume(Guid id, RequestContext rc)
    {
        await using var tx = await rc.Db.Database.BeginTransactionAsync(rc.Ct);
        // Locked first, its courses loaded after: two operators resuming at once resume it once.
        var pause = await rc.Db.CentrePauses.Where(p => p.Id == id).ForUpdate().SingleOrDefaultAsync(rc.Ct);
        if (pause is null) return PauseNotFound(rc);
        await rc.Db.Entry(pause).Collection(p => p.Courses).LoadAsync(rc.Ct);
        if (await CentrePausing.ResumeAsync(rc.Db, pause, rc.Caller.UserId ?? "operator", rc.Clock.GetUtcNow(), rc.Ct))
        {
            await rc.Db.SaveChangesAsync(rc.Ct);
            await tx.CommitAsync(rc.Ct);
        }
        return TypedResults.Ok(await ResponseAsync(rc, pause));
    }

    private static ValidationProblem? Invalid(PauseScope scope, string? commune, CentreType? type, DateOnly from, DateOnly? until, RequestContext rc)
    {
        if (!Enum.IsDefined(scope))
            return Problems.Invalid(rc.Http, "Scope", "Choisissez une commune, un type de centre ou tous les centres.", "اختاروا جماعة أو نوع مركز أو جميع المراكز.");
        if (scope == PauseScope.Commune && string.IsNullOrWhiteSpace(commune))
            return Problems.Invalid(rc.Http, "Commune", "Indiquez la commune dont les centres sont suspendus.", "حددوا الجماعة التي تعلق أنشطة مراكزها.");
        if (scope == PauseScope.CentreType && (type is null || !Enum.IsDefined(type.Value)))
            return Problems.Invalid(rc.Http, "CentreType", "Indiquez le type de centre suspendu.", "حددوا نوع المراكز المعنية.");
        if (from == default)
            return Problems.Invalid(rc.Http, "From", "Indiquez la date de début de la suspension.", "حددوا تاريخ بداية التعليق.");
        // A pause is decided as it starts or ahead of it; recording one long past would rewrite what people were told.
        if (from < rc.Clock.Today().AddDays(-7))
            return Problems.Invalid(rc.Http, "From", "La suspension ne peut commencer plus de 7 jours dans le passé.", "لا يمكن أن يبدأ التعليق قبل أكثر من 7 أيام.");
        if (until is { } end && end < from)
            return Problems.Invalid(rc.Http, "Until", "La date de fin précède la date de début.", "تاريخ النهاية يسبق تاريخ البداية.");
        return null;
    }

    private static ProblemHttpResult PauseNotFound(RequestContext rc) => rc.NotFound("Suspension introuvable.", "التعليق غير موجود.");

    private static PauseCentreResponse CentreOf(Centre c) => new(c.Id, c.NameAr, c.NameFr, c.Commune, c.Type);

    private static async Task<PauseResponse> ResponseAsync(RequestContext rc, CentrePause pause)
    {
        var centres = await rc.Db.Centres.AsNoTracking().Where(c => pause.CentreIds.Contains(c.Id)).OrderBy(c => c.NameFr).ToListAsync(rc.Ct);
        var ids = pause.Courses.Select(c => c.CourseId).ToList();
        var titles = await rc.Db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.TitleAr, c.TitleFr), rc.Ct);
        return new PauseResponse(pause.Id, pause.Scope, pause.Commune, pause.CentreType, pause.ReasonAr, pause.ReasonFr, pause.From, pause.Until,
            pause.CreatedBy, pause.CreatedAt, pause.ResumedAt, centres.Select(CentreOf).ToList(),
            pause.Courses.Select(c => new PausedCourseResponse(c.CourseId, c.CentreId, titles.GetValueOrDefault(c.CourseId).TitleAr ?? "",
                titles.GetValueOrDefault(c.CourseId).TitleFr ?? "", c.ModeBefore, c.ModeDuring, c.CancelledLiveClassIds.Count, c.Restored)).ToList());
    }
}
