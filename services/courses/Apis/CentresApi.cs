using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Apis;

public static class CentresApi
{
    public static RouteGroupBuilder MapCentresApi(this IEndpointRouteBuilder app)
    {
        var centres = app.MapGroup("/centres").WithTags("Centres");
        centres.MapGet("/", ListCentres).WithName("ListCentres").Public().WithSummary("The delegation's centres, by type, commune or the partner association running them");
        centres.MapGet("/{id:guid}", GetCentre).WithName("GetCentre").Public().WithSummary("One centre, with what its service mode means");
        centres.MapPost("/", CreateCentre).WithName("CreateCentre").For(Roles.Operator).WithSummary("Register a centre (delegation staff)");
        centres.MapPut("/{id:guid}/mode", ChangeMode).WithName("ChangeCentreMode").For(Roles.CentreRunners).WithSummary("Set the centre's service mode for the season");
        return centres;
    }

    public sealed record CreateCentreRequest(
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        CentreType Type,
        [Required, StringLength(100, MinimumLength = 2)] string Province,
        [Required, StringLength(100, MinimumLength = 2)] string Commune,
        [Required, StringLength(300, MinimumLength = 5)] string Address,
        [Required, RegularExpression(@"^\+?[0-9 ]{9,16}$")] string Phone,
        [EmailAddress, StringLength(200)] string? Email,
        ServiceMode Mode);

    public sealed record ChangeModeRequest(ServiceMode Mode);

    public sealed record CentreResponse(
        Guid Id, string NameAr, string NameFr, CentreType Type, string Province, string Commune, string Address,
        string Phone, string? Email, ServiceMode Mode, string ModeMeaningFr, string ModeMeaningAr, int DefaultLiveAttendancePercent, Guid? AssociationId)
    {
        public static CentreResponse From(Centre c)
        {
            var (fr, ar) = ServiceModes.Describe(c.Mode);
            return new(c.Id, c.NameAr, c.NameFr, c.Type, c.Province, c.Commune, c.Address, c.Phone, c.Email, c.Mode, fr, ar,
                ServiceModes.DefaultLiveAttendancePercent(c.Mode), c.AssociationId);
        }
    }

    private static async Task<Ok<Page<CentreResponse>>> ListCentres(
        RequestContext rc, CentreType? type, string? commune, Guid? associationId, int? page, int? pageSize)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = rc.Db.Centres.AsNoTracking();
        if (type is { } t) query = query.Where(c => c.Type == t);
        if (!string.IsNullOrWhiteSpace(commune)) query = query.Where(c => c.Commune == commune.Trim());
        if (associationId is { } association) query = query.Where(c => c.AssociationId == association);
        var total = await query.CountAsync(rc.Ct);
        var rows = await query.OrderBy(c => c.NameFr).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(rc.Ct);
        return TypedResults.Ok(new Page<CentreResponse>(rows.Select(CentreResponse.From).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<CentreResponse>, ProblemHttpResult>> GetCentre(Guid id, RequestContext rc) =>
        await rc.Db.Centres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, rc.Ct) is { } centre
            ? TypedResults.Ok(CentreResponse.From(centre))
            : rc.NotFound("Centre introuvable.", "المركز غير موجود.");

    private static async Task<Results<Created<CentreResponse>, ProblemHttpResult>> CreateCentre(
        CreateCentreRequest request, RequestContext rc)
    {
        if (rc.RefuseUnlessOperator() is { } refusal) return refusal;
        var centre = new Centre
        {
            NameAr = request.NameAr.Trim(), NameFr = request.NameFr.Trim(), Type = request.Type,
            Province = request.Province.Trim(), Commune = request.Commune.Trim(), Address = request.Address.Trim(),
            Phone = request.Phone.Replace(" ", ""), Email = request.Email?.Trim(), Mode = request.Mode,
        };
        rc.Db.Centres.Add(centre);
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Created($"/centres/{centre.Id}", CentreResponse.From(centre));
    }

    private static async Task<Results<Ok<CentreResponse>, ProblemHttpResult>> ChangeMode(
        Guid id, ChangeModeRequest request, RequestContext rc)
    {
        if (await rc.RefuseUnlessManagesAsync(id) is { } refusal) return refusal;
        var centre = await rc.Db.Centres.FirstOrDefaultAsync(c => c.Id == id, rc.Ct);
        if (centre is null) return rc.NotFound("Centre introuvable.", "المركز غير موجود.");
        // Courses already published keep their mode: beneficiaries registered under those terms.
        centre.Mode = request.Mode;
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CentreResponse.From(centre));
    }
}
