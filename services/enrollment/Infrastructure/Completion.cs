using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Infrastructure;

/// <summary>Reads a learner's progress and, when the course is complete, issues the certificate (once).</summary>
public static class Completion
{
    public sealed record Snapshot(IReadOnlyList<CourseLesson> Lessons, HashSet<Guid> Done, CourseProgress Progress);

    public static async Task<Snapshot> ReadAsync(EnrollmentDbContext db, CourseEnrollment enrollment, CourseSeats course, DateTimeOffset now, CancellationToken ct)
    {
        var lessons = ProgressRules.InOrder(await db.CourseLessons.AsNoTracking().Where(l => l.CourseId == course.CourseId).ToListAsync(ct));
        var done = (await db.LessonCompletions.AsNoTracking().Where(c => c.EnrollmentId == enrollment.Id).Select(c => c.LessonId).ToListAsync(ct)).ToHashSet();
        var live = await db.LiveClasses.AsNoTracking().Where(l => l.CourseId == course.CourseId).ToListAsync(ct);
        var attended = (await db.Attendances.AsNoTracking().Where(a => a.EnrollmentId == enrollment.Id).Select(a => a.LiveClassId).ToListAsync(ct)).ToHashSet();
        return new(lessons, done, ProgressRules.Compute(lessons, done, live, attended, course.RequiredLiveAttendancePercent, now,
            enrollment.SeatedAt ?? now));
    }

    /// <summary>
    /// Call with the enrollment row locked and the latest completion or attendance already saved in the transaction.
    /// Returns the certificate when this call completed the course.
    /// </summary>
    public static async Task<Certificate?> CompleteIfDoneAsync(EnrollmentDbContext db, CourseEnrollment enrollment, CourseSeats course, DateTimeOffset now, CancellationToken ct)
    {
        if (enrollment.Status != EnrollmentStatus.Seated) return null;
        var snapshot = await ReadAsync(db, enrollment, course, now, ct);
        if (!snapshot.Progress.IsComplete) return null;

        var certificate = new Certificate
        {
            Code = Certificate.NewCode(), EnrollmentId = enrollment.Id, CourseId = course.CourseId, BeneficiaryId = enrollment.BeneficiaryId, BeneficiaryName = enrollment.BeneficiaryName,
            CourseTitleAr = course.TitleAr, CourseTitleFr = course.TitleFr, CentreNameAr = course.CentreNameAr, CentreNameFr = course.CentreNameFr,
            IssuedAt = now,
        };
        db.Certificates.Add(certificate);
        enrollment.Status = EnrollmentStatus.Completed;
        enrollment.CompletedAt = now;
        db.AddIntegrationEvent(new CourseCompleted(enrollment.Id, course.CourseId, enrollment.BeneficiaryId, certificate.Code, now));
        db.AddIntegrationEvent(CertificateMessages.Issued(certificate));
        SeatDesk.Notify(db, enrollment.BeneficiaryId, NotificationKind.CourseCompleted, course.CourseId, now,
            $"Bravo ! Vous avez terminé « {course.TitleFr} ». Votre attestation : {certificate.Code}.",
            $"مبروك! أتممتم «{course.TitleAr}». رمز شهادتكم: {certificate.Code}.");
        return certificate;
    }
}
