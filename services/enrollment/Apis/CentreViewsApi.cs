using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Apis;

/// <summary>What a centre manager follows per course: seats, the waiting list, attendance and progress (also as CSV).</summary>
public static class CentreViewsApi
{
    public static RouteGroupBuilder MapCentreViewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/courses/{courseId:guid}").WithTags("Centre views");
        group.MapGet("/seats", Seats).WithName("GetCourseSeats").Public().WithSummary("Seats offered, taken and left, and people waiting (public)");
        group.MapGet("/waiting-list", WaitingList).WithName("GetWaitingList").For(Roles.CentreRunners).WithSummary("The waiting list in order (centre manager)");
        group.MapGet("/attendance", AttendanceView).WithName("GetAttendance").For(Roles.CentreRunners).WithSummary("Attendance per live class (centre manager)");
        group.MapGet("/progress", ProgressView).WithName("GetCourseProgress").For(Roles.CentreRunners).WithSummary("Progress per beneficiary (centre manager)");
        group.MapGet("/progress.csv", ProgressCsv).WithName("ExportCourseProgress").For(Roles.CentreRunners).WithSummary("Progress per beneficiary as CSV (centre manager)");
        group.MapGet("/pre-registrations.csv", PreRegistrationsCsv).WithName("ExportPreRegistrations").For(Roles.CentreRunners).WithSummary("The course's pre-registrations as CSV (centre manager)");
        return group;
    }

    public sealed record LiveClassAttendance(Guid LiveClassId, string TitleFr, DateTimeOffset StartsAt, bool Cancelled, int Attended, int Seated);
    public sealed record BeneficiaryProgress(Guid EnrollmentId, string BeneficiaryName, EnrollmentStatus Status, int Percent,
        int RequiredDone, int RequiredTotal, int LiveClassesAttended, int LiveClassesHeld, string? CertificateCode);

    private static async Task<Results<Ok<SeatsResponse>, ProblemHttpResult>> Seats(Guid courseId, RequestScope rs) =>
        await rs.Db.CourseSeats.AsNoTracking().FirstOrDefaultAsync(s => s.CourseId == courseId, rs.Ct) is { } s
            ? TypedResults.Ok(new SeatsResponse(s.CourseId, s.Capacity, s.SeatsTaken, Math.Max(0, s.Capacity - s.SeatsTaken), s.WaitingCount,
                s.IsOpenForRegistration(rs.Today)))
            : rs.CourseNotFound();

    private static async Task<Results<Ok<EnrollmentResponse[]>, ProblemHttpResult>> WaitingList(Guid courseId, RequestScope rs)
    {
        if (await RefuseAsync(courseId, rs) is { } refusal) return refusal;
        var list = await EnrollmentsApi.ViewAsync(rs.Db, rs.Db.Enrollments
            .Where(e => e.CourseId == courseId && e.Status == EnrollmentStatus.Waiting).OrderBy(e => e.WaitingNumber).Take(500), rs.Ct);
        return TypedResults.Ok(list.OrderBy(e => e.WaitingNumber).ToArray());
    }

    private static async Task<Results<Ok<LiveClassAttendance[]>, ProblemHttpResult>> AttendanceView(Guid courseId, RequestScope rs)
    {
        if (await RefuseAsync(courseId, rs) is { } refusal) return refusal;
        var seated = await rs.Db.Enrollments.CountAsync(e => e.CourseId == courseId
            && (e.Status == EnrollmentStatus.Seated || e.Status == EnrollmentStatus.Completed), rs.Ct);
        var rows = await rs.Db.LiveClasses.AsNoTracking().Where(l => l.CourseId == courseId).OrderBy(l => l.StartsAt)
            .Select(l => new LiveClassAttendance(l.Id, l.TitleFr, l.StartsAt, l.Cancelled,
                rs.Db.Attendances.Count(a => a.LiveClassId == l.Id), seated))
            .ToArrayAsync(rs.Ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<BeneficiaryProgress[]>, ProblemHttpResult>> ProgressView(Guid courseId, RequestScope rs)
    {
        if (await RefuseAsync(courseId, rs) is { } refusal) return refusal;
        return TypedResults.Ok(await ComputeAsync(courseId, rs));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ProgressCsv(Guid courseId, RequestScope rs)
    {
        if (await RefuseAsync(courseId, rs) is { } refusal) return refusal;
        var csv = new StringBuilder("enrollment_id,beneficiary_name,status,percent,required_done,required_total,live_attended,live_held,certificate\r\n");
        foreach (var p in await ComputeAsync(courseId, rs))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.EnrollmentId},{Csv(p.BeneficiaryName)},{p.Status},{p.Percent},{p.RequiredDone},{p.RequiredTotal},")
               .Append(CultureInfo.InvariantCulture, $"{p.LiveClassesAttended},{p.LiveClassesHeld},{p.CertificateCode}\r\n");
        }
        return CsvFile(csv, $"progress-{courseId}.csv");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PreRegistrationsCsv(Guid courseId, RequestScope rs, PreRegistrationStatus? status)
    {
        if (await RefuseAsync(courseId, rs) is { } refusal) return refusal;
        var query = rs.Db.PreRegistrations.AsNoTracking().Where(p => p.CourseId == courseId);
        if (status is { } s) query = query.Where(p => p.Status == s);
        var csv = new StringBuilder("pre_registration_id,full_name,date_of_birth,phone,guardian_name,guardian_phone,accessibility_needs,status,submitted_at\r\n");
        foreach (var p in await query.OrderBy(p => p.SubmittedAt).Take(5000).ToListAsync(rs.Ct))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Id},{Csv(p.FullName)},{p.DateOfBirth:yyyy-MM-dd},{p.Phone},{Csv(p.GuardianName ?? "")},{p.GuardianPhone},")
               .Append(CultureInfo.InvariantCulture, $"{Csv(p.AccessibilityNeeds.ToString())},{p.Status},{p.SubmittedAt:O}\r\n");
        }
        return CsvFile(csv, $"pre-registrations-{courseId}.csv");
    }

    private static FileContentHttpResult CsvFile(StringBuilder csv, string name) =>
        // A byte-order mark so spreadsheet programs read the Arabic names as UTF-8.
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);

    /// <summary>Quotes a field, and defuses leading characters that spreadsheets would run as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return $"\"{value.Replace("\"", "\"\"")}\"";
    }

    /// <summary>Everyone's progress from four queries for the whole course, whatever the number of people.</summary>
    private static async Task<BeneficiaryProgress[]> ComputeAsync(Guid courseId, RequestScope rs)
    {
        var course = await rs.Db.CourseSeats.AsNoTracking().FirstAsync(c => c.CourseId == courseId, rs.Ct);
        var enrollments = await rs.Db.Enrollments.AsNoTracking()
            .Where(e => e.CourseId == courseId && (e.Status == EnrollmentStatus.Seated || e.Status == EnrollmentStatus.Completed))
            .OrderBy(e => e.BeneficiaryName).Take(1000).ToListAsync(rs.Ct);
        var ids = enrollments.Select(e => e.Id).ToList();
        var lessons = ProgressRules.InOrder(await rs.Db.CourseLessons.AsNoTracking().Where(l => l.CourseId == courseId).ToListAsync(rs.Ct));
        var live = await rs.Db.LiveClasses.AsNoTracking().Where(l => l.CourseId == courseId).ToListAsync(rs.Ct);
        var done = (await rs.Db.LessonCompletions.AsNoTracking().Where(c => ids.Contains(c.EnrollmentId)).ToListAsync(rs.Ct))
            .ToLookup(c => c.EnrollmentId, c => c.LessonId);
        var attended = (await rs.Db.Attendances.AsNoTracking().Where(a => ids.Contains(a.EnrollmentId)).ToListAsync(rs.Ct))
            .ToLookup(a => a.EnrollmentId, a => a.LiveClassId);
        var codes = await rs.Db.Certificates.AsNoTracking().Where(c => c.CourseId == courseId).ToDictionaryAsync(c => c.EnrollmentId, c => c.Code, rs.Ct);
        return enrollments.Select(e =>
        {
            var p = ProgressRules.Compute(lessons, done[e.Id].ToHashSet(), live, attended[e.Id].ToHashSet(),
                course.RequiredLiveAttendancePercent, rs.Now, e.SeatedAt ?? rs.Now);
            return new BeneficiaryProgress(e.Id, e.BeneficiaryName, e.Status, p.Percent, p.RequiredDone, p.RequiredTotal,
                p.LiveClassesAttended, p.LiveClassesHeld, codes.GetValueOrDefault(e.Id));
        }).ToArray();
    }

    private static async Task<ProblemHttpResult?> RefuseAsync(Guid courseId, RequestScope rs)
    {
        var centre = await rs.Db.CourseSeats.AsNoTracking().Where(c => c.CourseId == courseId).Select(c => (Guid?)c.CentreId).FirstOrDefaultAsync(rs.Ct);
        return centre is null ? rs.CourseNotFound() : await rs.RefuseUnlessManagesAsync(centre.Value);
    }
}
