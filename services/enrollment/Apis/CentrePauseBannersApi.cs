using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Tadamon.Enrollment.Apis;

/// <summary>Banners of paused centres: on a centre's pre-registration (public) and in a beneficiary's own space.</summary>
public static class CentrePauseBannersApi
{
    public static IEndpointRouteBuilder MapCentrePauseBannersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/centres/{centreId:guid}/pause-banner", ForCentre).WithTags("Centre pauses").WithName("GetCentrePauseBanner").Public()
            .WithSummary("The banner of a paused centre, shown beside its pre-registration (which stays open); 204 when it runs normally");
        app.MapGet("/me/centre-pauses", Mine).WithTags("Centre pauses").WithName("MyCentrePauses").SignedIn()
            .WithSummary("Open pauses of the centres where the caller is pre-registered or enrolled");
        return app;
    }

    public sealed record PauseBannerResponse(Guid PauseId, Guid CentreId, string CentreNameAr, string CentreNameFr, string ReasonAr, string ReasonFr,
        DateOnly From, DateOnly? Until);

    private static async Task<Results<Ok<PauseBannerResponse>, NoContent>> ForCentre(Guid centreId, RequestScope rs)
    {
        var banner = await rs.Db.CentrePauseBanners.AsNoTracking().Where(b => b.CentreId == centreId && b.ResumedAt == null)
            .OrderByDescending(b => b.PausedAt)
            .Select(b => new PauseBannerResponse(b.PauseId, b.CentreId, b.CentreNameAr, b.CentreNameFr, b.ReasonAr, b.ReasonFr, b.From, b.Until))
            .FirstOrDefaultAsync(rs.Ct);
        return banner is null ? TypedResults.NoContent() : TypedResults.Ok(banner);
    }

    private static async Task<Results<Ok<PauseBannerResponse[]>, ProblemHttpResult>> Mine(RequestScope rs)
    {
        if (!rs.Caller.IsAuthenticated) return Problems.Unauthorized(rs.Http);
        var user = rs.Caller.UserId;
        var centres = rs.Db.PreRegistrations.Where(p => p.BeneficiaryId == user).Select(p => p.CentreId);
        var banners = await rs.Db.CentrePauseBanners.AsNoTracking().Where(b => b.ResumedAt == null && centres.Contains(b.CentreId))
            .OrderByDescending(b => b.PausedAt).Take(Paging.MaxPageSize)
            .Select(b => new PauseBannerResponse(b.PauseId, b.CentreId, b.CentreNameAr, b.CentreNameFr, b.ReasonAr, b.ReasonFr, b.From, b.Until))
            .ToArrayAsync(rs.Ct);
        return TypedResults.Ok(banners);
    }
}
