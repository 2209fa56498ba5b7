using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Apis;

/// <summary>The centre manager's side of pre-registrations: the list to review and the three decisions.</summary>
public static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pre-registrations").WithTags("Decisions");
        group.MapGet("/", Review).WithName("ReviewPreRegistrations").For(Roles.CentreRunners).WithSummary("A centre's pre-registrations, by course and status (its manager; an association's manager without centreId: all its centres)");
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApprovePreRegistration").For(Roles.CentreRunners).WithSummary("Approve: a seat while one is free, else a numbered waiting place");
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectPreRegistration").For(Roles.CentreRunners).WithSummary("Reject with a reason; after approval this frees the seat");
        group.MapPost("/{id:guid}/request-information", RequestInformation).WithName("RequestInformation").For(Roles.CentreRunners).WithSummary("Ask the beneficiary for more information");
        return group;
    }

    public sealed record ApproveRequest(Guid? CourseId);
    public sealed record RejectRequest([Required, StringLength(1000, MinimumLength = 3)] string Reason);
    public sealed record InformationRequest([Required, StringLength(1000, MinimumLength = 3)] string Message);

    private static async Task<Results<Ok<Page<PreRegistrationResponse>>, ProblemHttpResult>> Review(
        RequestScope rs, Guid? centreId, Guid? courseId, PreRegistrationStatus? status, int? page, int? pageSize)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = rs.Db.PreRegistrations.AsNoTracking();
        if (centreId is null && rs.Caller.IsInRole(Roles.AssociationManager))
        {
            // Without a centre, an association's manager reviews every centre the association runs.
            var centres = rs.AssociationCentres();
            query = query.Where(x => centres.Contains(x.CentreId));
        }
        else
        {
            var centre = centreId ?? (rs.Caller.IsInRole(Roles.CentreManager) ? rs.Caller.ScopeId : null);
            if (centre is null) return Problems.Forbidden(rs.Http);
            if (await rs.RefuseUnlessManagesAsync(centre.Value) is { } refusal) return refusal;
            query = query.Where(x => x.CentreId == centre);
        }
        if (courseId is { } course) query = query.Where(x => x.CourseId == course);
        if (status is { } s) query = query.Where(x => x.Status == s);
        var total = await query.CountAsync(rs.Ct);
        var rows = await query.OrderBy(x => x.SubmittedAt).ThenBy(x => x.Id).Skip((p - 1) * size).Take(size).ToListAsync(rs.Ct);
        return TypedResults.Ok(new Page<PreRegistrationResponse>(rows.Select(PreRegistrationResponse.From).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult, ValidationProblem>> Approve(
        Guid id, ApproveRequest? request, RequestScope rs)
    {
        var peek = await rs.Db.PreRegistrations.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, rs.Ct);
        if (peek is null) return rs.PreRegistrationNotFound();
        if (!await rs.ManagesAsync(peek.CentreId)) return rs.PreRegistrationNotFound(); // another centre's applicants are not ours to know of
        var courseId = peek.CourseId ?? request?.CourseId;
        if (courseId is null)
            return Problems.Invalid(rs.Http, "CourseId", "Choisissez le cours où placer cette personne.", "اختر الدورة التي سيلتحق بها هذا الشخص.");

        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var seats = await rs.Db.LockSeatsAsync(courseId.Value, rs.Ct);
        if (seats is null || seats.CentreId != peek.CentreId) return rs.CourseNotFound();
        // Read again under the lock: a concurrent decision may have been taken meanwhile.
        var pre = (await rs.Db.LockPreRegistrationAsync(id, rs.Ct))!;
        if (pre.Status == PreRegistrationStatus.Approved && pre.EnrollmentId is { } existing)
            return TypedResults.Ok(await EnrollmentsApi.ViewAsync(rs.Db, existing, rs.Ct)); // approving twice gives the same place
        if (!pre.AwaitsDecision) return AlreadyDecided(rs);
        if (seats.Archived) return Problems.Conflict(rs.Http, "Ce cours est clos.", "هذه الدورة مغلقة.", "course-archived");

        pre.CourseId = seats.CourseId;
        var enrollment = SeatDesk.Approve(rs.Db, seats, pre, rs.Now);
        try
        {
            await rs.Db.SaveChangesAsync(rs.Ct);
        }
        catch (DbUpdateException ex) when (RequestScope.IsUniqueViolation(ex))
        {
            return rs.Duplicate(); // placed into a course this person already applied to
        }
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(await EnrollmentsApi.ViewAsync(rs.Db, enrollment.Id, rs.Ct));
    }

    private static async Task<Results<Ok<PreRegistrationResponse>, ProblemHttpResult>> Reject(
        Guid id, RejectRequest request, RequestScope rs)
    {
        var peek = await rs.Db.PreRegistrations.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, rs.Ct);
        if (peek is null) return rs.PreRegistrationNotFound();
        if (!await rs.ManagesAsync(peek.CentreId)) return rs.PreRegistrationNotFound(); // another centre's applicants are not ours to know of

        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        // An approved person holds a seat or a waiting place: take the course's lock before touching either.
        var seats = peek.CourseId is { } courseId && peek.Status == PreRegistrationStatus.Approved
            ? await rs.Db.LockSeatsAsync(courseId, rs.Ct) : null;
        var pre = (await rs.Db.LockPreRegistrationAsync(id, rs.Ct))!;
        SeatCounts? counts = null;
        if (pre.Status == PreRegistrationStatus.Approved)
        {
            if (seats is null) return AlreadyDecided(rs); // approved meanwhile: look again before rejecting
            var enrollment = (await rs.Db.LockEnrollmentAsync(pre.EnrollmentId!.Value, rs.Ct))!;
            if (!enrollment.IsActive)
                return Problems.Conflict(rs.Http, "Cette inscription est terminée et ne peut plus être refusée.",
                    "هذا التسجيل منته ولا يمكن رفضه.", "enrollment-ended");
            await SeatDesk.EndAsync(rs.Db, seats, enrollment, EnrollmentStatus.Removed, rs.Now, rs.Ct);
            counts = seats.Counts;
        }
        else if (!pre.AwaitsDecision) return AlreadyDecided(rs);

        pre.Status = PreRegistrationStatus.Rejected;
        pre.DecisionReason = request.Reason.Trim();
        pre.DecidedAt = rs.Now;
        rs.Db.AddIntegrationEvent(new EnrollmentRejected(pre.Id, pre.CourseId, pre.BeneficiaryId, pre.DecisionReason, counts));
        SeatDesk.Notify(rs.Db, pre.BeneficiaryId, NotificationKind.DecisionMade, pre.CourseId, rs.Now,
            $"Votre pré-inscription n'a pas été retenue : {pre.DecisionReason}", $"لم يتم قبول تسجيلكم القبلي: {pre.DecisionReason}");
        await rs.Db.SaveChangesAsync(rs.Ct);
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(PreRegistrationResponse.From(pre));
    }

    private static async Task<Results<Ok<PreRegistrationResponse>, ProblemHttpResult>> RequestInformation(
        Guid id, InformationRequest request, RequestScope rs)
    {
        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var pre = await rs.Db.LockPreRegistrationAsync(id, rs.Ct);
        if (pre is null) return rs.PreRegistrationNotFound();
        if (!await rs.ManagesAsync(pre.CentreId)) return rs.PreRegistrationNotFound(); // another centre's applicants are not ours to know of
        if (!pre.AwaitsDecision) return AlreadyDecided(rs);
        pre.Status = PreRegistrationStatus.InformationRequested;
        pre.InformationRequest = request.Message.Trim();
        SeatDesk.Notify(rs.Db, pre.BeneficiaryId, NotificationKind.InformationRequested, pre.CourseId, rs.Now,
            $"Le centre vous demande une information : {pre.InformationRequest}", $"يطلب منكم المركز معلومة: {pre.InformationRequest}");
        await rs.Db.SaveChangesAsync(rs.Ct);
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(PreRegistrationResponse.From(pre));
    }

    private static ProblemHttpResult AlreadyDecided(RequestScope rs) =>
        Problems.Conflict(rs.Http, "Une décision a déjà été prise pour cette pré-inscription.", "تم اتخاذ قرار بشأن هذا التسجيل القبلي مسبقا.", "already-decided");
}
