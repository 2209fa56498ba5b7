using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Apis;

public static class EnrollmentsApi
{
    public static RouteGroupBuilder MapEnrollmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/enrollments").WithTags("Enrollments");
        group.MapGet("/{id:guid}", Get).WithName("GetEnrollment").For([Roles.Beneficiary, .. Roles.CentreRunners]).WithSummary("One enrollment: seat or waiting place, completion, certificate");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawEnrollment").For([Roles.Beneficiary, .. Roles.CentreRunners]).WithSummary("Leave the course; the first on the waiting list gets the seat");
        app.MapGet("/me/enrollments", Mine).WithTags("Enrollments").WithName("MyEnrollments").For(Roles.Beneficiary).WithSummary("The caller's courses");
        return group;
    }

    /// <summary>Enrollments as people read them: course titles, place in the queue, certificate.</summary>
    internal static async Task<List<EnrollmentResponse>> ViewAsync(EnrollmentDbContext db, IQueryable<CourseEnrollment> enrollments, CancellationToken ct)
    {
        var rows = await (
            from e in enrollments
            join c in db.CourseSeats on e.CourseId equals c.CourseId
            select new
            {
                e, c.TitleAr, c.TitleFr,
                Ahead = e.WaitingNumber == null ? (int?)null
                    : db.Enrollments.Count(o => o.CourseId == e.CourseId && o.Status == EnrollmentStatus.Waiting && o.WaitingNumber < e.WaitingNumber),
                Code = db.Certificates.Where(x => x.EnrollmentId == e.Id).Select(x => x.Code).FirstOrDefault(),
            }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new EnrollmentResponse(r.e.Id, r.e.PreRegistrationId, r.e.CourseId, r.TitleAr, r.TitleFr, r.e.BeneficiaryId,
            r.e.BeneficiaryName, r.e.Status, r.e.WaitingNumber, r.Ahead + 1, r.e.ApprovedAt, r.e.SeatedAt, r.e.CompletedAt, r.Code)).ToList();
    }

    internal static async Task<EnrollmentResponse> ViewAsync(EnrollmentDbContext db, Guid id, CancellationToken ct) =>
        (await ViewAsync(db, db.Enrollments.Where(e => e.Id == id), ct)).Single();

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> Get(Guid id, RequestScope rs)
    {
        var found = await FindAsync(id, rs);
        if (found.Refusal is not null) return found.Refusal;
        return TypedResults.Ok(await ViewAsync(rs.Db, id, rs.Ct));
    }

    private static async Task<Results<Ok<EnrollmentResponse[]>, ProblemHttpResult>> Mine(RequestScope rs)
    {
        if (rs.RefuseUnlessBeneficiary() is { } refusal) return refusal;
        var user = rs.Caller.UserId;
        var list = await ViewAsync(rs.Db, rs.Db.Enrollments.Where(e => e.BeneficiaryId == user).OrderByDescending(e => e.ApprovedAt).Take(100), rs.Ct);
        return TypedResults.Ok(list.ToArray());
    }

    private static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> Withdraw(Guid id, RequestScope rs)
    {
        var found = await FindAsync(id, rs);
        if (found.Refusal is not null) return found.Refusal;

        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var seats = (await rs.Db.LockSeatsAsync(found.Enrollment!.CourseId, rs.Ct))!;
        var enrollment = (await rs.Db.LockEnrollmentAsync(id, rs.Ct))!;
        if (enrollment.Status == EnrollmentStatus.Withdrawn) return TypedResults.Ok(await ViewAsync(rs.Db, id, rs.Ct)); // withdrawing twice is harmless
        if (!enrollment.IsActive)
            return Problems.Conflict(rs.Http, "Cette inscription est déjà terminée.", "هذا التسجيل منته مسبقا.", "enrollment-ended");

        await SeatDesk.EndAsync(rs.Db, seats, enrollment, EnrollmentStatus.Withdrawn, rs.Now, rs.Ct);
        var pre = (await rs.Db.LockPreRegistrationAsync(enrollment.PreRegistrationId, rs.Ct))!;
        pre.Status = PreRegistrationStatus.Withdrawn; // frees the beneficiary to apply again later
        await rs.Db.SaveChangesAsync(rs.Ct);
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(await ViewAsync(rs.Db, id, rs.Ct));
    }

    /// <summary>Finds an enrollment the caller may see: its beneficiary, or the manager of the course's centre.</summary>
    internal static async Task<(CourseEnrollment? Enrollment, CourseSeats? Course, ProblemHttpResult? Refusal)> FindAsync(Guid id, RequestScope rs)
    {
        var row = await (from e in rs.Db.Enrollments
                         join c in rs.Db.CourseSeats on e.CourseId equals c.CourseId
                         where e.Id == id
                         select new { e, c }).AsNoTracking().FirstOrDefaultAsync(rs.Ct);
        if (row is null) return (null, null, rs.EnrollmentNotFound());
        if (await rs.HideUnlessOwnerOrManagerAsync(row.e.BeneficiaryId, row.c.CentreId, rs.EnrollmentNotFound()) is { } refusal) return (null, null, refusal);
        return (row.e, row.c, null);
    }
}
