using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Infrastructure;

/// <summary>
/// Gives and frees seats. Every method expects the course's seat row locked by
/// <see cref="EnrollmentDbContext.LockSeatsAsync"/> in the current transaction, and records its events and
/// notifications in the same transaction.
/// </summary>
public static class SeatDesk
{
    /// <summary>Approval takes a seat while one is free, otherwise the next number on the waiting list.</summary>
    public static CourseEnrollment Approve(EnrollmentDbContext db, CourseSeats seats, PreRegistration pre, DateTimeOffset now)
    {
        var enrollment = new CourseEnrollment
        {
            PreRegistrationId = pre.Id, CourseId = seats.CourseId, BeneficiaryId = pre.BeneficiaryId,
            BeneficiaryName = pre.FullName, ApprovedAt = now,
        };
        if (seats.HasFreeSeat)
        {
            seats.TakeSeat();
            enrollment.Status = EnrollmentStatus.Seated;
            enrollment.SeatedAt = now;
            db.AddIntegrationEvent(new EnrollmentConfirmed(enrollment.Id, pre.Id, seats.CourseId, pre.BeneficiaryId, false, seats.Counts));
            Notify(db, pre.BeneficiaryId, NotificationKind.DecisionMade, seats.CourseId, now,
                $"Votre pré-inscription à « {seats.TitleFr} » est acceptée : votre place est réservée.",
                $"تم قبول تسجيلكم القبلي في «{seats.TitleAr}»: مقعدكم محجوز.");
        }
        else
        {
            enrollment.Status = EnrollmentStatus.Waiting;
            enrollment.WaitingNumber = seats.JoinWaitingList();
            db.AddIntegrationEvent(new EnrollmentWaitlisted(enrollment.Id, pre.Id, seats.CourseId, pre.BeneficiaryId, enrollment.WaitingNumber.Value, seats.Counts));
            Notify(db, pre.BeneficiaryId, NotificationKind.DecisionMade, seats.CourseId, now,
                $"Votre pré-inscription à « {seats.TitleFr} » est acceptée ; le cours est complet : vous êtes n° {enrollment.WaitingNumber} sur la liste d'attente.",
                $"تم قبول تسجيلكم القبلي في «{seats.TitleAr}»؛ الدورة ممتلئة: رقمكم في لائحة الانتظار {enrollment.WaitingNumber}.");
        }
        db.Enrollments.Add(enrollment);
        pre.Status = PreRegistrationStatus.Approved;
        pre.DecidedAt = now;
        pre.EnrollmentId = enrollment.Id;
        return enrollment;
    }

    /// <summary>
    /// Ends an active enrollment (withdrawal, or rejection after approval), frees its seat or waiting place,
    /// and promotes the first on the waiting list into a freed seat.
    /// </summary>
    public static async Task EndAsync(EnrollmentDbContext db, CourseSeats seats, CourseEnrollment enrollment, EnrollmentStatus end, DateTimeOffset now, CancellationToken ct)
    {
        if (enrollment.Status == EnrollmentStatus.Seated) seats.FreeSeat();
        else if (enrollment.Status == EnrollmentStatus.Waiting) seats.LeaveWaitingList();
        enrollment.Status = end;
        enrollment.EndedAt = now;
        enrollment.WaitingNumber = null;
        if (end == EnrollmentStatus.Withdrawn)
            db.AddIntegrationEvent(new EnrollmentWithdrawn(enrollment.Id, seats.CourseId, enrollment.BeneficiaryId, seats.Counts));
        await PromoteAsync(db, seats, now, ct);
    }

    /// <summary>Fills free seats from the waiting list, lowest number first. Stops as soon as no seat is free.</summary>
    public static async Task PromoteAsync(EnrollmentDbContext db, CourseSeats seats, DateTimeOffset now, CancellationToken ct)
    {
        if (!seats.HasFreeSeat || seats.WaitingCount == 0) return;
        var waiting = await db.Enrollments
            .Where(e => e.CourseId == seats.CourseId && e.Status == EnrollmentStatus.Waiting)
            .OrderBy(e => e.WaitingNumber)
            .Take(seats.Capacity - seats.SeatsTaken)
            .ToListAsync(ct);
        foreach (var next in waiting)
        {
            seats.LeaveWaitingList();
            seats.TakeSeat();
            next.Status = EnrollmentStatus.Seated;
            next.SeatedAt = now;
            next.WaitingNumber = null;
            db.AddIntegrationEvent(new EnrollmentConfirmed(next.Id, next.PreRegistrationId, seats.CourseId, next.BeneficiaryId, true, seats.Counts));
            Notify(db, next.BeneficiaryId, NotificationKind.SeatOffered, seats.CourseId, now,
                $"Une place s'est libérée dans « {seats.TitleFr} » : elle est à vous.",
                $"تحرر مقعد في «{seats.TitleAr}»: أصبح مقعدكم.");
        }
    }

    /// <summary>
    /// The one place an in-app message is written. It is announced in the same transaction (outbox) so
    /// notifications can also send it by SMS, once per message id.
    /// </summary>
    public static void Notify(EnrollmentDbContext db, string beneficiaryId, NotificationKind kind, Guid? courseId, DateTimeOffset now, string fr, string ar)
    {
        var notification = new Notification
        {
            BeneficiaryId = beneficiaryId, Kind = kind, CourseId = courseId, TextFr = fr, TextAr = ar, CreatedAt = now,
        };
        db.Notifications.Add(notification);
        db.AddIntegrationEvent(new BeneficiaryNotified(notification.Id, beneficiaryId, kind.ToString(), courseId, ar, fr) { OccurredAt = now });
    }
}
