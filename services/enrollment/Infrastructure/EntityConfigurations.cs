using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tadamon.Enrollment.Model;

namespace Tadamon.Enrollment.Infrastructure;

internal sealed class CourseSeatsConfiguration : IEntityTypeConfiguration<CourseSeats>
{
    public void Configure(EntityTypeBuilder<CourseSeats> seats)
    {
        // No "taken <= capacity" check: a reduced capacity may leave more seated than offered (nobody is evicted).
        seats.ToTable("course_seats", t =>
        {
            t.HasCheckConstraint("ck_seats_taken_not_negative", "\"SeatsTaken\" >= 0");
            t.HasCheckConstraint("ck_seats_waiting", "\"WaitingCount\" >= 0");
        });
        seats.HasKey(s => s.CourseId);
        seats.Property(s => s.CourseId).ValueGeneratedNever();
        seats.Property(s => s.TitleAr).HasMaxLength(200);
        seats.Property(s => s.TitleFr).HasMaxLength(200);
        seats.Property(s => s.CentreNameAr).HasMaxLength(200);
        seats.Property(s => s.CentreNameFr).HasMaxLength(200);
        seats.Property(s => s.Mode).HasMaxLength(20);
        seats.HasIndex(s => s.CentreId);
    }
}

internal sealed class CourseLessonConfiguration : IEntityTypeConfiguration<CourseLesson>
{
    public void Configure(EntityTypeBuilder<CourseLesson> lesson)
    {
        lesson.ToTable("course_lessons");
        lesson.HasKey(l => l.LessonId);
        lesson.Property(l => l.LessonId).ValueGeneratedNever();
        lesson.Property(l => l.TitleAr).HasMaxLength(200);
        lesson.Property(l => l.TitleFr).HasMaxLength(200);
        lesson.HasIndex(l => l.CourseId);
    }
}

internal sealed class LiveClassConfiguration : IEntityTypeConfiguration<LiveClass>
{
    public void Configure(EntityTypeBuilder<LiveClass> live)
    {
        live.ToTable("live_classes");
        live.Property(l => l.Id).ValueGeneratedNever();
        live.Property(l => l.TitleAr).HasMaxLength(200);
        live.Property(l => l.TitleFr).HasMaxLength(200);
        live.Property(l => l.Teacher).HasMaxLength(200);
        live.Property(l => l.JoinUrl).HasMaxLength(500);
        live.Property(l => l.AccessCode).HasMaxLength(50);
        live.HasIndex(l => l.CourseId);
    }
}

internal sealed class PreRegistrationConfiguration : IEntityTypeConfiguration<PreRegistration>
{
    private const string LiveFilter = "\"Status\" IN ('Submitted', 'InformationRequested', 'Approved')";

    public void Configure(EntityTypeBuilder<PreRegistration> pre)
    {
        pre.ToTable("pre_registrations");
        pre.Property(p => p.BeneficiaryId).HasMaxLength(100);
        pre.Property(p => p.FullName).HasMaxLength(200);
        pre.Property(p => p.Phone).HasMaxLength(20);
        pre.Property(p => p.GuardianName).HasMaxLength(200);
        pre.Property(p => p.GuardianPhone).HasMaxLength(20);
        pre.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        pre.Property(p => p.DecisionReason).HasMaxLength(1000);
        pre.Property(p => p.InformationRequest).HasMaxLength(1000);
        pre.Property(p => p.InformationReply).HasMaxLength(1000);
        // One live pre-registration per beneficiary and course, and per centre while not yet placed: enforced
        // by the database, so two submissions at the same instant cannot both get in.
        pre.HasIndex(p => new { p.CourseId, p.BeneficiaryId }).IsUnique()
            .HasFilter($"\"CourseId\" IS NOT NULL AND {LiveFilter}").HasDatabaseName("ux_pre_registrations_live_course");
        pre.HasIndex(p => new { p.CentreId, p.BeneficiaryId }).IsUnique()
            .HasFilter($"\"CourseId\" IS NULL AND {LiveFilter}").HasDatabaseName("ux_pre_registrations_live_centre");
        pre.Property(p => p.IdempotencyKey).HasMaxLength(100);
        pre.HasIndex(p => new { p.BeneficiaryId, p.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        pre.HasIndex(p => new { p.CentreId, p.Status, p.SubmittedAt });
        pre.HasIndex(p => p.BeneficiaryId);
    }
}

internal sealed class CourseEnrollmentConfiguration : IEntityTypeConfiguration<CourseEnrollment>
{
    public void Configure(EntityTypeBuilder<CourseEnrollment> enrollment)
    {
        enrollment.ToTable("enrollments");
        enrollment.Property(e => e.BeneficiaryId).HasMaxLength(100);
        enrollment.Property(e => e.BeneficiaryName).HasMaxLength(200);
        enrollment.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        enrollment.HasIndex(e => e.PreRegistrationId).IsUnique();
        enrollment.HasIndex(e => new { e.CourseId, e.Status, e.WaitingNumber });
        enrollment.HasIndex(e => e.BeneficiaryId);
        // A waiting number belongs to one person on one course.
        enrollment.HasIndex(e => new { e.CourseId, e.WaitingNumber }).IsUnique().HasFilter("\"WaitingNumber\" IS NOT NULL");
    }
}

internal sealed class ProgressConfiguration :
    IEntityTypeConfiguration<LessonCompletion>, IEntityTypeConfiguration<Attendance>, IEntityTypeConfiguration<Certificate>, IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<LessonCompletion> completion)
    {
        completion.ToTable("lesson_completions");
        completion.HasKey(c => new { c.EnrollmentId, c.LessonId });
    }

    public void Configure(EntityTypeBuilder<Attendance> attendance)
    {
        attendance.ToTable("attendances");
        attendance.HasKey(a => new { a.EnrollmentId, a.LiveClassId });
        attendance.HasIndex(a => a.LiveClassId);
    }

    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        certificate.ToTable("certificates");
        certificate.HasKey(c => c.Code);
        certificate.Property(c => c.Code).HasMaxLength(20);
        certificate.Property(c => c.BeneficiaryId).HasMaxLength(100);
        certificate.Property(c => c.BeneficiaryName).HasMaxLength(200);
        certificate.Property(c => c.RevocationReason).HasMaxLength(500);
        certificate.Property(c => c.RevokedBy).HasMaxLength(100);
        certificate.Property(c => c.CourseTitleAr).HasMaxLength(200);
        certificate.Property(c => c.CourseTitleFr).HasMaxLength(200);
        certificate.Property(c => c.CentreNameAr).HasMaxLength(200);
        certificate.Property(c => c.CentreNameFr).HasMaxLength(200);
        certificate.HasIndex(c => c.EnrollmentId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("notifications");
        notification.Property(n => n.BeneficiaryId).HasMaxLength(100);
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        notification.Property(n => n.TextAr).HasMaxLength(1000);
        notification.Property(n => n.TextFr).HasMaxLength(1000);
        notification.HasIndex(n => new { n.BeneficiaryId, n.CreatedAt });
    }
}

internal sealed class CentreAssociationConfiguration : IEntityTypeConfiguration<CentreAssociation>
{
    public void Configure(EntityTypeBuilder<CentreAssociation> row)
    {
        row.ToTable("centre_associations");
        row.HasKey(r => r.CentreId);
        row.Property(r => r.CentreId).ValueGeneratedNever();
        row.HasIndex(r => r.AssociationId);
    }
}
