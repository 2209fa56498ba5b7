using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tadamon.Messaging;

/// <summary>
/// <c>POST /operations/demo-data</c>: the service's demo data on demand (the dashboard's "Seed demo data" command),
/// for a platform started with <c>Seed:Demo=false</c>. The seeders only fill an empty service, so a second press
/// changes nothing.
/// </summary>
public static class DemoDataApi
{
    public static void MapDemoData<TContext>(this IEndpointRouteBuilder app, Func<TContext, CancellationToken, Task> seed) where TContext : DbContext =>
        app.MapPost("/operations/demo-data", (HttpContext http, CallerAccessor callers, CancellationToken ct) =>
                SeedAsync(http, callers, http.RequestServices.GetRequiredService<TContext>(), seed, ct))
            .WithTags("Operations").WithName("SeedDemoData").For(Roles.Operator).WithSummary("Fill an empty service with the demo data (operator)");

    private static async Task<Results<NoContent, ProblemHttpResult>> SeedAsync<TContext>(
        HttpContext http, CallerAccessor callers, TContext db, Func<TContext, CancellationToken, Task> seed, CancellationToken ct) where TContext : DbContext
    {
        if (Problems.RefuseUnless(http, callers.Current, callers.Current.IsInRole(Roles.Operator)) is { } refused) return refused;
        await seed(db, ct);
        return TypedResults.NoContent();
    }
}
