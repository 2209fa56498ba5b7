using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Infrastructure;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Apis;

/// <summary>
/// The "trained members" badge: a selling cooperative's consenting, current members × their unrevoked certificates,
/// grouped by course. Public and anonymous: it counts members and names courses, never people (a member agreed to
/// the badge, not to being named to every buyer). Served from the market cache like the rest of the market.
/// </summary>
public static class TrainedBadgeApi
{
    public const int MaxCooperativesPerCall = 50;

    public static IEndpointRouteBuilder MapTrainedBadgeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cooperatives").WithTags("Cooperative members");
        group.MapGet("/trained", List).WithName("ListTrainedBadges").Public().CacheOutput(MarketCache.Policy)
            .WithSummary($"The trained-members badges of the given cooperatives (ids=..., at most {MaxCooperativesPerCall}); cooperatives without one are left out");
        group.MapGet("/{id:guid}/trained", Get).WithName("GetTrainedBadge").Public().CacheOutput(MarketCache.Policy)
            .WithSummary("One cooperative's trained-members badge: how many members hold certificates, and of which courses");
        return app;
    }

    public sealed record TrainedCourse(Guid CourseId, string TitleAr, string TitleFr, int Members);

    public sealed record TrainedBadge(Guid CooperativeId, int TrainedMembers, IReadOnlyList<TrainedCourse> Courses);

    private static async Task<Results<Ok<IReadOnlyList<TrainedBadge>>, ValidationProblem>> List(Guid[]? ids, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count > MaxCooperativesPerCall)
            return Problems.Invalid(services.Http, "ids", $"Au plus {MaxCooperativesPerCall} coopératives par demande.", $"على الأكثر {MaxCooperativesPerCall} تعاونية في كل طلب.");
        return TypedResults.Ok(wanted.Count == 0 ? [] : await BadgesAsync(services.Db, wanted, ct));
    }

    private static async Task<Results<Ok<TrainedBadge>, NotFound>> Get(Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!await services.Db.Cooperatives.AnyAsync(c => c.Id == id && c.Status == CooperativeStatus.Verified, ct)) return TypedResults.NotFound();
        var badge = (await BadgesAsync(services.Db, [id], ct)).SingleOrDefault() ?? new TrainedBadge(id, 0, []);
        return TypedResults.Ok(badge);
    }

    public static async Task<IReadOnlyList<TrainedBadge>> BadgesAsync(CatalogDbContext db, IReadOnlyCollection<Guid> cooperativeIds, CancellationToken ct)
    {
        var rows = await (
            from m in db.CooperativeMembers.AsNoTracking()
            where cooperativeIds.Contains(m.CooperativeId) && m.ConsentedAt != null && m.LeftAt == null
                && db.Cooperatives.Any(c => c.Id == m.CooperativeId && c.Status == CooperativeStatus.Verified)
            join c in db.MemberCertificates.AsNoTracking() on m.BeneficiaryId equals c.BeneficiaryId
            where c.IssuedAt != null && c.RevokedAt == null
            select new { m.CooperativeId, MemberId = m.Id, c.CourseId, c.CourseTitleAr, c.CourseTitleFr }).ToListAsync(ct);

        return rows.GroupBy(r => r.CooperativeId)
            .Select(cooperative => new TrainedBadge(cooperative.Key, cooperative.Select(r => r.MemberId).Distinct().Count(),
                cooperative.GroupBy(r => r.CourseId)
                    .Select(course => new TrainedCourse(course.Key, course.First().CourseTitleAr!, course.First().CourseTitleFr!,
                        course.Select(r => r.MemberId).Distinct().Count()))
                    .OrderByDescending(c => c.Members).ThenBy(c => c.TitleFr, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
