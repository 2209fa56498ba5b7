using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Courses.Infrastructure;
using Tadamon.Messaging;

namespace Tadamon.Courses.IntegrationEvents;

/// <summary>
/// Course pages show seats taken and people waiting as enrollment reports them, and lesson content goes to those
/// holding a seat. Each report carries a version that grows with every seat change of the course, so an older
/// report arriving late never overwrites a newer one.
/// </summary>
internal static class SeatCountCopy
{
    public static async Task ApplyAsync(CoursesDbContext db, Guid courseId, string beneficiaryId, bool seated, SeatCounts seats, CancellationToken ct)
    {
        // Compare-and-set in the database: consumers of the four enrollment events run at once, and a
        // read-then-write here would let an older report overwrite a newer one that committed in between.
        await db.Courses
            .Where(c => c.Id == courseId && c.SeatsVersion < seats.Version)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.SeatsTaken, seats.SeatsTaken)
                .SetProperty(c => c.WaitingCount, seats.WaitingCount)
                .SetProperty(c => c.SeatsVersion, seats.Version), ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO seat_holders ("CourseId", "BeneficiaryId", "Seated", "Version")
            VALUES ({courseId}, {beneficiaryId}, {seated}, {seats.Version})
            ON CONFLICT ("CourseId", "BeneficiaryId") DO UPDATE SET "Seated" = EXCLUDED."Seated", "Version" = EXCLUDED."Version"
            WHERE seat_holders."Version" < EXCLUDED."Version"
            """, ct);
    }
}

public sealed class EnrollmentConfirmedConsumer(CoursesDbContext db, ILogger<EnrollmentConfirmedConsumer> logger)
    : InboxConsumer<EnrollmentConfirmed, CoursesDbContext>(db, logger)
{
    protected override Task HandleAsync(EnrollmentConfirmed message, ConsumeContext<EnrollmentConfirmed> context) =>
        SeatCountCopy.ApplyAsync(Db, message.CourseId, message.BeneficiaryId, seated: true, message.Seats, context.CancellationToken);
}

public sealed class EnrollmentWaitlistedConsumer(CoursesDbContext db, ILogger<EnrollmentWaitlistedConsumer> logger)
    : InboxConsumer<EnrollmentWaitlisted, CoursesDbContext>(db, logger)
{
    protected override Task HandleAsync(EnrollmentWaitlisted message, ConsumeContext<EnrollmentWaitlisted> context) =>
        SeatCountCopy.ApplyAsync(Db, message.CourseId, message.BeneficiaryId, seated: false, message.Seats, context.CancellationToken);
}

public sealed class EnrollmentWithdrawnConsumer(CoursesDbContext db, ILogger<EnrollmentWithdrawnConsumer> logger)
    : InboxConsumer<EnrollmentWithdrawn, CoursesDbContext>(db, logger)
{
    protected override Task HandleAsync(EnrollmentWithdrawn message, ConsumeContext<EnrollmentWithdrawn> context) =>
        SeatCountCopy.ApplyAsync(Db, message.CourseId, message.BeneficiaryId, seated: false, message.Seats, context.CancellationToken);
}

public sealed class EnrollmentRejectedConsumer(CoursesDbContext db, ILogger<EnrollmentRejectedConsumer> logger)
    : InboxConsumer<EnrollmentRejected, CoursesDbContext>(db, logger)
{
    protected override Task HandleAsync(EnrollmentRejected message, ConsumeContext<EnrollmentRejected> context) =>
        message is { CourseId: { } courseId, Seats: { } seats }
            ? SeatCountCopy.ApplyAsync(Db, courseId, message.BeneficiaryId, seated: false, seats, context.CancellationToken)
            : Task.CompletedTask;
}
