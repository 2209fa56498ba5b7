using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Courses.Model;

namespace Tadamon.Courses.Apis;

public static class SeasonsApi
{
    public static RouteGroupBuilder MapSeasonsApi(this IEndpointRouteBuilder app)
    {
        var seasons = app.MapGroup("/seasons").WithTags("Seasons");
        seasons.MapGet("/", ListSeasons).WithName("ListSeasons").Public().WithSummary("Seasons and their pre-registration dates");
        seasons.MapPost("/", CreateSeason).WithName("CreateSeason").For(Roles.Operator).WithSummary("Open a season (delegation staff)");
        return seasons;
    }

    public sealed record CreateSeasonRequest(
        [Required, RegularExpression(@"^\d{4}/\d{4}$")] string Label, DateOnly OpensOn, DateOnly ClosesOn);

    public sealed record SeasonResponse(Guid Id, string Label, DateOnly OpensOn, DateOnly ClosesOn);

    private static async Task<Ok<SeasonResponse[]>> ListSeasons(RequestContext rc) =>
        TypedResults.Ok(await rc.Db.Seasons.AsNoTracking().OrderByDescending(s => s.OpensOn).Take(Paging.MaxPageSize)
            .Select(s => new SeasonResponse(s.Id, s.Label, s.OpensOn, s.ClosesOn)).ToArrayAsync(rc.Ct));

    private static async Task<Results<Created<SeasonResponse>, ProblemHttpResult, ValidationProblem>> CreateSeason(
        CreateSeasonRequest request, RequestContext rc)
    {
        if (rc.RefuseUnlessOperator() is { } refusal) return refusal;
        if (request.ClosesOn < request.OpensOn)
            return Problems.Invalid(rc.Http, nameof(request.ClosesOn), "La saison doit fermer après son ouverture.", "يجب أن يغلق الموسم بعد افتتاحه.");
        if (await rc.Db.Seasons.AnyAsync(s => s.Label == request.Label, rc.Ct))
            return Problems.Conflict(rc.Http, "Cette saison existe déjà.", "هذا الموسم موجود مسبقا.", "season-exists");
        var season = new Season { Label = request.Label, OpensOn = request.OpensOn, ClosesOn = request.ClosesOn };
        rc.Db.Seasons.Add(season);
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Created($"/seasons/{season.Id}", new SeasonResponse(season.Id, season.Label, season.OpensOn, season.ClosesOn));
    }
}
