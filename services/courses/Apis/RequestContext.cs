using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Tadamon.Courses.Apis;

/// <summary>
/// What every handler needs, bundled so signatures stay short. A scoped service rather than [AsParameters]:
/// the request validator would otherwise walk into the DbContext as if it were input.
/// </summary>
public sealed class RequestContext(IHttpContextAccessor accessor, Infrastructure.CoursesDbContext db, CallerAccessor callers, TimeProvider clock)
{
    public HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("Only usable within a request.");
    public Infrastructure.CoursesDbContext Db => db;
    public TimeProvider Clock => clock;
    public CancellationToken Ct => Http.RequestAborted;
    public Caller Caller => callers.Current;

    /// <summary>
    /// The one answer to "may this caller run centre X": delegation staff, the centre's own manager, or the manager
    /// of the partner association that runs it now. The association is read fresh on every call, so a centre taken
    /// from an association is out of its manager's reach at the next request.
    /// </summary>
    public async Task<bool> ManagesAsync(Guid centreId)
    {
        var caller = Caller;
        if (caller.IsInRole(Roles.Operator) || caller.Manages(Roles.CentreManager, centreId)) return true;
        return caller.IsInRole(Roles.AssociationManager) && caller.ScopeId is { } association
            && await Db.Centres.AnyAsync(c => c.Id == centreId && c.AssociationId == association, Ct);
    }

    /// <summary>Null when the caller may run this centre (<see cref="ManagesAsync"/>), else the refusal.</summary>
    public async Task<ProblemHttpResult?> RefuseUnlessManagesAsync(Guid centreId) =>
        Problems.RefuseUnless(Http, Caller, await ManagesAsync(centreId));

    public ProblemHttpResult? RefuseUnlessOperator() => Problems.RefuseUnless(Http, Caller, Caller.IsInRole(Roles.Operator));

    public ProblemHttpResult NotFound(string fr, string ar) => Problems.Problem(Http, StatusCodes.Status404NotFound, fr, ar, "not-found");
}
