using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.Infrastructure;

public sealed class EnrollmentDbContext(DbContextOptions<EnrollmentDbContext> options) : DbContext(options)
{
    public DbSet<CourseSeats> CourseSeats => Set<CourseSeats>();
    public DbSet<CourseLesson> CourseLessons => Set<CourseLesson>();
    public DbSet<LiveClass> LiveClasses => Set<LiveClass>();
    public DbSet<PreRegistration> PreRegistrations => Set<PreRegistration>();
    public DbSet<CourseEnrollment> Enrollments => Set<CourseEnrollment>();
    public DbSet<LessonCompletion> LessonCompletions => Set<LessonCompletion>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CentreAssociation> CentreAssociations => Set<CentreAssociation>();
    public DbSet<CentrePauseBanner> CentrePauseBanners => Set<CentrePauseBanner>();

    /// <summary>
    /// Loads a course's seat row and holds its lock until the transaction ends. Every change to the course's seats
    /// or waiting list goes through here first, so they happen one at a time per course, in any replica.
    /// Call it before anything else in the transaction reads the row: a row already tracked would not be refreshed.
    /// </summary>
    public async Task<CourseSeats?> LockSeatsAsync(Guid courseId, CancellationToken ct) =>
        await CourseSeats.Where(s => s.CourseId == courseId).ForUpdate().SingleOrDefaultAsync(ct);

    /// <summary>
    /// Loads a pre-registration and holds its lock, so two decisions on it cannot both apply. Where a seat row
    /// is locked too, it is locked first: one order everywhere, no deadlock.
    /// </summary>
    public async Task<PreRegistration?> LockPreRegistrationAsync(Guid id, CancellationToken ct) =>
        await PreRegistrations.Where(p => p.Id == id).ForUpdate().SingleOrDefaultAsync(ct);

    /// <summary>
    /// Loads an enrollment and holds its lock: a learner's steps, a withdrawal and a removal apply one at a time,
    /// so a certificate is issued once and a completed course is never "withdrawn" by a stale read.
    /// </summary>
    public async Task<CourseEnrollment?> LockEnrollmentAsync(Guid id, CancellationToken ct) =>
        await Enrollments.Where(e => e.Id == id).ForUpdate().SingleOrDefaultAsync(ct);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnrollmentDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
