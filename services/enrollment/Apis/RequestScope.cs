using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tadamon.Enrollment.Infrastructure;

namespace Tadamon.Enrollment.Apis;

/// <summary>
/// What every handler needs, with the role and scope checks. Injected as a scoped service (not [AsParameters]),
/// so request validation never mistakes the DbContext for input.
/// </summary>
public sealed class RequestScope(IHttpContextAccessor accessor, EnrollmentDbContext db, CallerAccessor callers, TimeProvider clock)
{
    public HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("Only usable within a request.");
    public EnrollmentDbContext Db => db;
    public CancellationToken Ct => Http.RequestAborted;
    public Caller Caller => callers.Current;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>Today in Morocco: registration windows and ages turn at local midnight, not UTC's.</summary>
    public DateOnly Today => clock.Today();

    /// <summary>
    /// The one answer to "may this caller run centre X": operators, the centre's own manager, or the manager of the
    /// partner association that runs it as far as enrollment has heard (<see cref="Model.CentreAssociation"/>, kept
    /// from courses' events). Read fresh on every call: a centre taken back is out of reach once the event lands.
    /// </summary>
    public async Task<bool> ManagesAsync(Guid centreId)
    {
        var caller = Caller;
        if (caller.IsInRole(Roles.Operator) || caller.Manages(Roles.CentreManager, centreId)) return true;
        return caller.IsInRole(Roles.AssociationManager) && caller.ScopeId is { } association
            && await Db.CentreAssociations.AnyAsync(r => r.CentreId == centreId && r.AssociationId == association, Ct);
    }

    /// <summary>The centres the calling association manager runs now (none for anyone else).</summary>
    public IQueryable<Guid> AssociationCentres() =>
        Caller.IsInRole(Roles.AssociationManager) && Caller.ScopeId is { } association
            ? Db.CentreAssociations.Where(r => r.AssociationId == association).Select(r => r.CentreId)
            : Enumerable.Empty<Guid>().AsQueryable();

    public bool IsBeneficiary(string beneficiaryId) => Caller.IsInRole(Roles.Beneficiary) && Caller.UserId == beneficiaryId;

    /// <summary>Null when the caller runs this centre, else the refusal.</summary>
    public async Task<ProblemHttpResult?> RefuseUnlessManagesAsync(Guid centreId) => Problems.RefuseUnless(Http, Caller, await ManagesAsync(centreId));

    /// <summary>
    /// Null when the caller is this beneficiary or runs the centre; anyone else is told it does not exist, since
    /// even knowing that someone pre-registered somewhere is private.
    /// </summary>
    public async Task<ProblemHttpResult?> HideUnlessOwnerOrManagerAsync(string beneficiaryId, Guid centreId, ProblemHttpResult notFound) =>
        IsBeneficiary(beneficiaryId) || await ManagesAsync(centreId) ? null : notFound;

    public ProblemHttpResult? RefuseUnlessBeneficiary() => Problems.RefuseUnless(Http, Caller, Caller.IsInRole(Roles.Beneficiary));

    public ProblemHttpResult NotFound(string fr, string ar) => Problems.Problem(Http, StatusCodes.Status404NotFound, fr, ar, "not-found");
    public ProblemHttpResult CourseNotFound() => NotFound("Ce cours n'est pas ouvert aux pré-inscriptions.", "هذه الدورة غير مفتوحة للتسجيل القبلي.");
    public ProblemHttpResult PreRegistrationNotFound() => NotFound("Pré-inscription introuvable.", "التسجيل القبلي غير موجود.");
    public ProblemHttpResult EnrollmentNotFound() => NotFound("Inscription introuvable.", "التسجيل غير موجود.");

    public ProblemHttpResult Duplicate() => Problems.Conflict(Http,
        "Vous avez déjà une pré-inscription en cours pour ce cours.", "لديكم تسجيل قبلي جار في هذه الدورة.", "duplicate-pre-registration");

    public static bool IsUniqueViolation(Exception ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

