using Microsoft.AspNetCore.Http.HttpResults;

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
    /// Null when the caller may run this centre (its own centre manager, or delegation staff), else the refusal.
    /// </summary>
    public ProblemHttpResult? RefuseUnlessManages(Guid centreId)
    {
        var caller = Caller;
        return Problems.RefuseUnless(Http, caller, caller.Manages(Roles.CentreManager, centreId) || caller.IsInRole(Roles.Operator));
    }

    public ProblemHttpResult? RefuseUnlessOperator() => Problems.RefuseUnless(Http, Caller, Caller.IsInRole(Roles.Operator));

    public ProblemHttpResult NotFound(string fr, string ar) => Problems.Problem(Http, StatusCodes.Status404NotFound, fr, ar, "not-found");
}

