using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.IntegrationEvents;

/// <summary>Creates (or refreshes) enrollment's copy of a course; capacity and outline keep whichever copy is newest.</summary>
public sealed class CoursePublishedConsumer(EnrollmentDbContext db, ILogger<CoursePublishedConsumer> logger)
    : InboxConsumer<CoursePublished, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CoursePublished m, ConsumeContext<CoursePublished> context)
    {
        var ct = context.CancellationToken;
        var seats = await Db.LockSeatsAsync(m.CourseId, ct);
        if (seats is null)
        {
            seats = new CourseSeats
            {
                CourseId = m.CourseId, TitleAr = m.TitleAr, TitleFr = m.TitleFr, CentreNameAr = m.CentreNameAr, CentreNameFr = m.CentreNameFr,
                Mode = m.Mode, CapacityAsOf = DateTimeOffset.MinValue, OutlineAsOf = DateTimeOffset.MinValue,
            };
            Db.CourseSeats.Add(seats);
        }
        seats.CentreId = m.CentreId;
        seats.TitleAr = m.TitleAr;
        seats.TitleFr = m.TitleFr;
        seats.CentreNameAr = m.CentreNameAr;
        seats.CentreNameFr = m.CentreNameFr;
        seats.Mode = m.Mode;
        seats.MinAge = m.MinAge;
        seats.MaxAge = m.MaxAge;
        seats.RegistrationOpensOn = m.RegistrationOpensOn;
        seats.RegistrationClosesOn = m.RegistrationClosesOn;
        seats.RequiredLiveAttendancePercent = m.RequiredLiveAttendancePercent;
        await CourseCopy.ApplyCapacityAsync(Db, seats, m.Capacity, m.OccurredAt, ct);
        await CourseCopy.ApplyOutlineAsync(Db, seats, m.Outline, m.OccurredAt, ct);
    }
}

public sealed class CourseCapacityChangedConsumer(EnrollmentDbContext db, ILogger<CourseCapacityChangedConsumer> logger)
    : InboxConsumer<CourseCapacityChanged, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CourseCapacityChanged m, ConsumeContext<CourseCapacityChanged> context)
    {
        var seats = await Db.LockSeatsAsync(m.CourseId, context.CancellationToken) ?? throw CourseCopy.NotYetKnown(m.CourseId);
        await CourseCopy.ApplyCapacityAsync(Db, seats, m.Capacity, m.OccurredAt, context.CancellationToken);
    }
}

public sealed class CourseOutlineChangedConsumer(EnrollmentDbContext db, ILogger<CourseOutlineChangedConsumer> logger)
    : InboxConsumer<CourseOutlineChanged, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CourseOutlineChanged m, ConsumeContext<CourseOutlineChanged> context)
    {
        var seats = await Db.LockSeatsAsync(m.CourseId, context.CancellationToken) ?? throw CourseCopy.NotYetKnown(m.CourseId);
        await CourseCopy.ApplyOutlineAsync(Db, seats, m.Outline, m.OccurredAt, context.CancellationToken);
    }
}

public sealed class CourseArchivedConsumer(EnrollmentDbContext db, ILogger<CourseArchivedConsumer> logger)
    : InboxConsumer<CourseArchived, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CourseArchived m, ConsumeContext<CourseArchived> context)
    {
        var seats = await Db.LockSeatsAsync(m.CourseId, context.CancellationToken) ?? throw CourseCopy.NotYetKnown(m.CourseId);
        seats.Archived = true;
    }
}

internal static class CourseCopy
{
    /// <summary>
    /// An event about a course arrived before the course itself: it waits (deferred, redelivered later) until
    /// <see cref="CoursePublished"/> has been handled.
    /// </summary>
    public static MessageNotReadyException NotYetKnown(Guid courseId) =>
        new($"Course {courseId} is not known yet; CoursePublished has not been handled.");

    /// <summary>A larger capacity seats people from the waiting list at once; a smaller one evicts nobody.</summary>
    public static async Task ApplyCapacityAsync(EnrollmentDbContext db, CourseSeats seats, int capacity, DateTimeOffset asOf, CancellationToken ct)
    {
        if (asOf <= seats.CapacityAsOf) return;
        seats.CapacityAsOf = asOf;
        if (seats.Capacity == capacity) return;
        seats.Capacity = capacity;
        seats.Version++;
        await SeatDesk.PromoteAsync(db, seats, DateTimeOffset.UtcNow, ct);
    }

    public static async Task ApplyOutlineAsync(EnrollmentDbContext db, CourseSeats seats, IReadOnlyList<OutlineLesson> outline, DateTimeOffset asOf, CancellationToken ct)
    {
        if (asOf <= seats.OutlineAsOf) return;
        seats.OutlineAsOf = asOf;
        var existing = await db.CourseLessons.Where(l => l.CourseId == seats.CourseId).ToDictionaryAsync(l => l.LessonId, ct);
        foreach (var item in outline)
        {
            if (!existing.Remove(item.LessonId, out var lesson))
            {
                lesson = new CourseLesson { LessonId = item.LessonId, CourseId = seats.CourseId, TitleAr = item.TitleAr, TitleFr = item.TitleFr };
                db.CourseLessons.Add(lesson);
            }
            lesson.ModuleId = item.ModuleId;
            lesson.ModulePosition = item.ModulePosition;
            lesson.Position = item.Position;
            lesson.TitleAr = item.TitleAr;
            lesson.TitleFr = item.TitleFr;
            lesson.Required = item.Required;
        }
        // Lessons no longer in the outline stop counting; completions of them are kept as history.
        db.CourseLessons.RemoveRange(existing.Values);
    }
}
