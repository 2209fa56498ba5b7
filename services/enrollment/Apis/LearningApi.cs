using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Apis;

/// <summary>A seated beneficiary follows lessons in order, joins live classes, and sees progress.</summary>
public static class LearningApi
{
    public static RouteGroupBuilder MapLearningApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/enrollments/{id:guid}").WithTags("Learning");
        group.MapGet("/lessons", Lessons).WithName("EnrollmentLessons").For([Roles.Beneficiary, .. Roles.CentreRunners]).WithSummary("The course's lessons in order: done, open or locked");
        group.MapGet("/progress", Progress).WithName("EnrollmentProgress").For([Roles.Beneficiary, .. Roles.CentreRunners]).WithSummary("Progress per module and for the course, and live-class attendance");
        group.MapPost("/lessons/{lessonId:guid}/complete", CompleteLesson).WithName("CompleteLesson").For(Roles.Beneficiary).WithSummary("Mark a lesson done (in order)");
        group.MapPost("/live-classes/{liveClassId:guid}/join", JoinLiveClass).WithName("JoinLiveClass").For(Roles.Beneficiary).WithSummary("Join a live class: records attendance, gives the link");
        return group;
    }

    public enum LessonState { Done, Open, Locked }
    public sealed record LessonEntry(Guid LessonId, Guid ModuleId, int ModulePosition, int Position, string TitleAr, string TitleFr, bool Required, LessonState State);
    public sealed record ProgressResponse(Guid EnrollmentId, EnrollmentStatus Status, CourseProgress Progress, string? CertificateCode);
    public sealed record JoinResponse(Guid LiveClassId, string JoinUrl, string? AccessCode, DateTimeOffset StartsAt, int DurationMinutes, string? CertificateCode);

    private static async Task<Results<Ok<LessonEntry[]>, ProblemHttpResult>> Lessons(Guid id, RequestScope rs)
    {
        var (enrollment, course, refusal) = await EnrollmentsApi.FindAsync(id, rs);
        if (refusal is not null) return refusal;
        var snapshot = await Completion.ReadAsync(rs.Db, enrollment!, course!, rs.Now, rs.Ct);
        var entries = snapshot.Lessons.Select(l => new LessonEntry(l.LessonId, l.ModuleId, l.ModulePosition, l.Position, l.TitleAr, l.TitleFr, l.Required,
            snapshot.Done.Contains(l.LessonId) ? LessonState.Done
            : enrollment!.CanLearn && ProgressRules.FirstMissingBefore(snapshot.Lessons, snapshot.Done, l.LessonId) is null ? LessonState.Open
            : LessonState.Locked)).ToArray();
        return TypedResults.Ok(entries);
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> Progress(Guid id, RequestScope rs)
    {
        var (enrollment, course, refusal) = await EnrollmentsApi.FindAsync(id, rs);
        if (refusal is not null) return refusal;
        var snapshot = await Completion.ReadAsync(rs.Db, enrollment!, course!, rs.Now, rs.Ct);
        var code = await rs.Db.Certificates.Where(c => c.EnrollmentId == id).Select(c => c.Code).FirstOrDefaultAsync(rs.Ct);
        return TypedResults.Ok(new ProgressResponse(id, enrollment!.Status, snapshot.Progress, code));
    }

    private static async Task<Results<Ok<ProgressResponse>, ProblemHttpResult>> CompleteLesson(Guid id, Guid lessonId, RequestScope rs)
    {
        var (peek, course, refusal) = await EnrollmentsApi.FindAsync(id, rs);
        if (refusal is not null) return refusal;
        if (!rs.IsBeneficiary(peek!.BeneficiaryId)) return Problems.Forbidden(rs.Http); // progress is the learner's own act

        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var enrollment = await LockAsync(rs, id);
        if (!enrollment.CanLearn) return NotSeated(rs);
        var snapshot = await Completion.ReadAsync(rs.Db, enrollment, course!, rs.Now, rs.Ct);
        var lesson = snapshot.Lessons.FirstOrDefault(l => l.LessonId == lessonId);
        if (lesson is null) return rs.NotFound("Cette leçon ne fait pas partie du cours.", "هذا الدرس ليس من دروس الدورة.");
        if (!snapshot.Done.Contains(lessonId))
        {
            if (ProgressRules.FirstMissingBefore(snapshot.Lessons, snapshot.Done, lessonId) is { } missing)
                return Problems.Conflict(rs.Http, $"Terminez d'abord la leçon « {missing.TitleFr} ».", $"أتمم أولا درس «{missing.TitleAr}».", "lesson-locked");
            rs.Db.LessonCompletions.Add(new LessonCompletion { EnrollmentId = id, LessonId = lessonId, CompletedAt = rs.Now });
            await rs.Db.SaveChangesAsync(rs.Ct);
            await Completion.CompleteIfDoneAsync(rs.Db, enrollment, course!, rs.Now, rs.Ct);
            await rs.Db.SaveChangesAsync(rs.Ct);
        }
        await tx.CommitAsync(rs.Ct);
        return await Progress(id, rs);
    }

    private static async Task<Results<Ok<JoinResponse>, ProblemHttpResult>> JoinLiveClass(Guid id, Guid liveClassId, RequestScope rs)
    {
        var (peek, course, refusal) = await EnrollmentsApi.FindAsync(id, rs);
        if (refusal is not null) return refusal;
        if (!rs.IsBeneficiary(peek!.BeneficiaryId)) return Problems.Forbidden(rs.Http);

        await using var tx = await rs.Db.Database.BeginTransactionAsync(rs.Ct);
        var enrollment = await LockAsync(rs, id);
        if (!enrollment.CanLearn) return NotSeated(rs);
        // The class row is locked too (after the enrollment, the one order used), so the room's capacity holds under simultaneous joins.
        var live = await rs.Db.LiveClasses.AsNoTracking().Where(l => l.Id == liveClassId && l.CourseId == enrollment.CourseId)
            .ForUpdate().SingleOrDefaultAsync(rs.Ct);
        if (live is null) return rs.NotFound("Classe en direct introuvable.", "القسم المباشر غير موجود.");
        if (!live.IsJoinableAt(rs.Now))
            return Problems.Conflict(rs.Http, live.Cancelled ? "Cette classe est annulée." : "Cette classe n'est pas ouverte : on peut la rejoindre 15 minutes avant son début et jusqu'à sa fin.",
                live.Cancelled ? "هذا القسم ملغى." : "هذا القسم غير مفتوح: يمكن الالتحاق به قبل 15 دقيقة من بدايته وحتى نهايته.", "live-class-not-open");

        string? code = null;
        if (!await rs.Db.Attendances.AnyAsync(a => a.EnrollmentId == id && a.LiveClassId == liveClassId, rs.Ct))
        {
            if (live.Capacity > 0 && await rs.Db.Attendances.CountAsync(a => a.LiveClassId == liveClassId, rs.Ct) >= live.Capacity)
                return Problems.Conflict(rs.Http, "Cette classe en direct est complète.", "هذا القسم المباشر ممتلئ.", "live-class-full");
            rs.Db.Attendances.Add(new Attendance { EnrollmentId = id, LiveClassId = liveClassId, JoinedAt = rs.Now });
            await rs.Db.SaveChangesAsync(rs.Ct);
            code = (await Completion.CompleteIfDoneAsync(rs.Db, enrollment, course!, rs.Now, rs.Ct))?.Code;
            await rs.Db.SaveChangesAsync(rs.Ct);
        }
        await tx.CommitAsync(rs.Ct);
        return TypedResults.Ok(new JoinResponse(live.Id, live.JoinUrl, live.AccessCode, live.StartsAt, live.DurationMinutes, code));
    }

    private static async Task<CourseEnrollment> LockAsync(RequestScope rs, Guid id) => (await rs.Db.LockEnrollmentAsync(id, rs.Ct))!;

    private static ProblemHttpResult NotSeated(RequestScope rs) => Problems.Conflict(rs.Http,
        "Les leçons s'ouvrent quand vous avez une place dans le cours.", "تفتح الدروس عندما يكون لكم مقعد في الدورة.", "not-seated");
}
