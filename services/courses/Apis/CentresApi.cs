using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Infrastructure;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Apis;

public static class CentresApi
{
    public static RouteGroupBuilder MapCentresApi(this IEndpointRouteBuilder app)
    {
        var centres = app.MapGroup("/centres").WithTags("Centres");
        centres.MapGet("/", ListCentres).WithName("ListCentres").WithSummary("The delegation's centres");
        centres.MapPost("/", CreateCentre).WithName("CreateCentre").WithSummary("Register a centre");
        return centres;
    }

    public sealed record CreateCentreRequest(
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        CentreType Type,
        [Required, StringLength(100, MinimumLength = 2)] string Province,
        [Required, StringLength(100, MinimumLength = 2)] string Commune,
        ServiceMode Mode);

    public sealed record CentreResponse(Guid Id, string NameAr, string NameFr, string Type, string Province, string Commune, string Mode);

    private static async Task<Ok<CentreResponse[]>> ListCentres(CoursesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Centres.AsNoTracking().OrderBy(c => c.NameFr).Take(100)
            .Select(c => new CentreResponse(c.Id, c.NameAr, c.NameFr, c.Type.ToString(), c.Province, c.Commune, c.Mode.ToString()))
            .ToArrayAsync(ct));

    private static async Task<Created<CentreResponse>> CreateCentre(CreateCentreRequest request, CoursesDbContext db, CancellationToken ct)
    {
        var centre = new Centre
        {
            NameAr = request.NameAr.Trim(), NameFr = request.NameFr.Trim(), Type = request.Type,
            Province = request.Province.Trim(), Commune = request.Commune.Trim(), Mode = request.Mode,
        };
        db.Centres.Add(centre);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/centres/{centre.Id}",
            new CentreResponse(centre.Id, centre.NameAr, centre.NameFr, centre.Type.ToString(), centre.Province, centre.Commune, centre.Mode.ToString()));
    }
}
