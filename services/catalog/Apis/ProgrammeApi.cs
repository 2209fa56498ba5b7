using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Apis;

/// <summary>
/// The Tathmine programme: value chains, a seller's membership with its diagnosis, and the support actions the agency
/// gave. Operators record all of it; the public sees only the programme and value chain (on the cooperative's profile).
/// </summary>
public static class ProgrammeApi
{
    public static IEndpointRouteBuilder MapProgrammeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/value-chains", () => TypedResults.Ok(ValueChains.All)).WithTags("Reference")
            .WithName("ListValueChains").Public().WithSummary("The Tathmine programme's value chains and the product categories each covers");
        app.MapGet("/weak-links", () => TypedResults.Ok(WeakLinks.All)).WithTags("Reference")
            .WithName("ListWeakLinks").Public().WithSummary("The weak links a programme diagnosis can name");

        var programme = app.MapGroup("/").WithTags("Programme");
        programme.MapGet("/programme/members", Members).WithName("ListProgrammeMembers").For(Roles.Operator)
            .WithSummary("Tathmine members with their value chain, region and support actions count, paged");
        programme.MapGet("/cooperatives/{id:guid}/programme", Get).WithName("GetProgrammeMembership").For(Roles.Operator)
            .WithSummary("A seller's membership: value chain, diagnosis and every support action with its cost");
        programme.MapPut("/cooperatives/{id:guid}/programme", Join).WithName("RecordProgrammeMembership").EvictsMarketCache().For(Roles.Operator)
            .WithSummary("An operator records (or corrects) a seller's membership of Tathmine: value chain, joined date, diagnosis");
        programme.MapPost("/cooperatives/{id:guid}/programme/support-actions", AddAction).WithName("RecordSupportAction").For(Roles.Operator)
            .WithSummary("An operator records a support action given to a member: kind, date, cost in MAD, notes");
        programme.MapPut("/cooperatives/{id:guid}/programme/support-actions/{actionId:guid}", EditAction).WithName("EditSupportAction")
            .For(Roles.Operator).WithSummary("An operator corrects a support action");
        return app;
    }

    public sealed record MembershipRequest(
        [Required] string ValueChain,
        DateOnly JoinedOn,
        [MaxLength(10)] string[]? WeakLinks,
        [StringLength(2000)] string? DiagnosisNote);

    public sealed record SupportActionRequest(
        SupportKind Kind,
        DateOnly On,
        [Range(typeof(decimal), "0", "10000000")] decimal CostMad,
        [StringLength(2000)] string? Notes);

    public sealed record SupportActionResponse(Guid Id, string Kind, DateOnly On, decimal CostMad, string Notes, string RecordedBy, DateTimeOffset RecordedAt);

    public sealed record MembershipResponse(
        Guid CooperativeId, string Programme, string ValueChain, DateOnly JoinedOn, string[] WeakLinks, string DiagnosisNote,
        IReadOnlyList<SupportActionResponse> SupportActions, decimal SupportCostMad);

    public sealed record MemberSummary(Guid CooperativeId, string NameAr, string NameFr, string Region, string SellerType, string ValueChain,
        DateOnly JoinedOn, int SupportActions, decimal SupportCostMad);

    private static SupportActionResponse ToResponse(SupportAction a) => new(a.Id, a.Kind.ToString(), a.On, a.CostMad, a.Notes, a.RecordedBy, a.RecordedAt);

    private static MembershipResponse ToResponse(ProgrammeMembership m, IEnumerable<SupportAction> actions)
    {
        var list = actions.OrderBy(a => a.On).ThenBy(a => a.Id).Select(ToResponse).ToList();
        return new(m.CooperativeId, m.Programme, m.ValueChain, m.JoinedOn, [.. m.WeakLinks], m.DiagnosisNote, list, list.Sum(a => a.CostMad));
    }

    private static async Task<Ok<Page<MemberSummary>>> Members(
        [AsParameters] CatalogServices services, string? valueChain, string? region, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(page, pageSize);
        var query = from m in services.Db.ProgrammeMemberships.AsNoTracking()
                    join c in services.Db.Cooperatives.AsNoTracking() on m.CooperativeId equals c.Id
                    select new { m, c };
        if (!string.IsNullOrWhiteSpace(valueChain)) query = query.Where(x => x.m.ValueChain == valueChain);
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(x => x.c.Region == region);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(x => x.c.NameFr).ThenBy(x => x.c.Id).Skip((number - 1) * size).Take(size)
            .Select(x => new MemberSummary(x.c.Id, x.c.NameAr, x.c.NameFr, x.c.Region, x.c.SellerType.ToString(), x.m.ValueChain, x.m.JoinedOn,
                services.Db.SupportActions.Count(a => a.CooperativeId == x.c.Id),
                services.Db.SupportActions.Where(a => a.CooperativeId == x.c.Id).Sum(a => a.CostMad)))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<MemberSummary>(items, number, size, total));
    }

    private static async Task<Results<Ok<MembershipResponse>, NotFound>> Get(Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var membership = await services.Db.ProgrammeMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.CooperativeId == id, ct);
        if (membership is null) return TypedResults.NotFound();
        var actions = await services.Db.SupportActions.AsNoTracking().Where(a => a.CooperativeId == id).ToListAsync(ct);
        return TypedResults.Ok(ToResponse(membership, actions));
    }

    private static async Task<Results<Ok<MembershipResponse>, Created<MembershipResponse>, NotFound, ValidationProblem>> Join(
        Guid id, MembershipRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!ValueChains.IsKnown(request.ValueChain))
            return Problems.Invalid(services.Http, nameof(request.ValueChain), "Filière inconnue.", "سلسلة إنتاجية غير معروفة.");
        var weakLinks = (request.WeakLinks ?? []).Select(w => w.Trim()).Distinct().ToList();
        if (weakLinks.FirstOrDefault(w => !WeakLinks.IsKnown(w)) is { } unknown)
            return Problems.Invalid(services.Http, nameof(request.WeakLinks), $"Maillon faible inconnu : {unknown}.", $"حلقة ضعيفة غير معروفة: {unknown}.");
        if (request.JoinedOn > services.Clock.Today() || request.JoinedOn < Earliest)
            return Problems.Invalid(services.Http, nameof(request.JoinedOn), "La date d'adhésion doit être passée (depuis 2005).", "يجب أن يكون تاريخ الانضمام في الماضي (منذ 2005).");

        var cooperative = await services.Db.Cooperatives.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cooperative is null) return TypedResults.NotFound();
        var membership = await services.Db.ProgrammeMemberships.FirstOrDefaultAsync(m => m.CooperativeId == id, ct);
        var joined = membership is null;
        if (joined)
        {
            membership = new ProgrammeMembership { CooperativeId = id, ValueChain = request.ValueChain, RecordedBy = services.Caller.UserId ?? "operator" };
            services.Db.ProgrammeMemberships.Add(membership);
        }
        else
        {
            var firstAction = await services.Db.SupportActions.Where(a => a.CooperativeId == id).OrderBy(a => a.On).Select(a => (DateOnly?)a.On).FirstOrDefaultAsync(ct);
            if (firstAction < request.JoinedOn)
                return Problems.Invalid(services.Http, nameof(request.JoinedOn), "Une action d'appui précède cette date d'adhésion.", "هناك إجراء دعم قبل تاريخ الانضمام هذا.");
        }
        membership!.ValueChain = request.ValueChain;
        membership.JoinedOn = request.JoinedOn;
        membership.WeakLinks = weakLinks;
        membership.DiagnosisNote = request.DiagnosisNote?.Trim() ?? "";
        membership.RecordedBy = services.Caller.UserId ?? "operator";
        membership.UpdatedAt = services.Clock.GetUtcNow();
        await CooperativeProfiles.AnnounceAsync(services.Db, cooperative, ct);
        await services.Db.SaveChangesAsync(ct);

        var response = ToResponse(membership, await services.Db.SupportActions.AsNoTracking().Where(a => a.CooperativeId == id).ToListAsync(ct));
        return joined ? TypedResults.Created($"/cooperatives/{id}/programme", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Created<SupportActionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddAction(
        Guid id, SupportActionRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var (cooperative, membership) = await FindMemberAsync(services, id, ct);
        if (cooperative is null) return TypedResults.NotFound();
        if (membership is null)
            return Problems.Conflict(services.Http, "Ce vendeur n'est pas membre du programme Tathmine.", "هذا البائع ليس عضوا في برنامج تثمين.", "not-a-member");
        if (Refuse(request, membership, services) is { } invalid) return invalid;

        var action = new SupportAction { CooperativeId = id, RecordedBy = services.Caller.UserId ?? "operator" };
        Apply(action, request, services);
        services.Db.SupportActions.Add(action);
        await CooperativeProfiles.AnnounceAsync(services.Db, cooperative, ct);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/cooperatives/{id}/programme/support-actions/{action.Id}", ToResponse(action));
    }

    private static async Task<Results<Ok<SupportActionResponse>, NotFound, ValidationProblem>> EditAction(
        Guid id, Guid actionId, SupportActionRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var (cooperative, membership) = await FindMemberAsync(services, id, ct);
        var action = await services.Db.SupportActions.FirstOrDefaultAsync(a => a.Id == actionId && a.CooperativeId == id, ct);
        if (cooperative is null || membership is null || action is null) return TypedResults.NotFound();
        if (Refuse(request, membership, services) is { } invalid) return invalid;

        Apply(action, request, services);
        await CooperativeProfiles.AnnounceAsync(services.Db, cooperative, ct);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(action));
    }

    private static readonly DateOnly Earliest = new(2005, 1, 1);

    private static async Task<(Cooperative?, ProgrammeMembership?)> FindMemberAsync(CatalogServices services, Guid id, CancellationToken ct) => (
        await services.Db.Cooperatives.FirstOrDefaultAsync(c => c.Id == id, ct),
        await services.Db.ProgrammeMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.CooperativeId == id, ct));

    private static ValidationProblem? Refuse(SupportActionRequest request, ProgrammeMembership membership, CatalogServices services)
    {
        if (!Enum.IsDefined(request.Kind))
            return Problems.Invalid(services.Http, nameof(request.Kind), "Type d'action d'appui inconnu.", "نوع إجراء الدعم غير معروف.");
        if (request.On > services.Clock.Today() || request.On < membership.JoinedOn)
            return Problems.Invalid(services.Http, nameof(request.On), "La date doit être passée et postérieure à l'adhésion.", "يجب أن يكون التاريخ في الماضي وبعد الانضمام.");
        if (request.CostMad < 0m || decimal.Round(request.CostMad, 2) != request.CostMad)
            return Problems.Invalid(services.Http, nameof(request.CostMad), "Le coût est en dirhams, à deux décimales, positif.", "التكلفة بالدرهم، برقمين عشريين، موجبة.");
        return null;
    }

    private static void Apply(SupportAction action, SupportActionRequest request, CatalogServices services)
    {
        action.Kind = request.Kind;
        action.On = request.On;
        action.CostMad = request.CostMad;
        action.Notes = request.Notes?.Trim() ?? "";
        action.RecordedBy = services.Caller.UserId ?? "operator";
        action.RecordedAt = services.Clock.GetUtcNow();
    }
}
