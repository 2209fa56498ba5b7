using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Tadamon.Messaging.Metrics;

namespace Tadamon.Enrollment.Infrastructure;

/// <summary>
/// The digital window on the dashboard, read as levels from enrollment's database (see <see cref="SampledGauges"/>):
/// pre-registrations by status, seats filled and people waiting, summed over open courses from the seat rows.
/// </summary>
public static class EnrollmentMetrics
{
    public static readonly Meter Meter = new("Tadamon.Enrollment");

    public static IServiceCollection AddEnrollmentMetrics(this IServiceCollection services) => services
        .AddSampledGauge<EnrollmentDbContext>(Meter, "tadamon.enrollment.pre_registrations", "{pre-registration}", "Pre-registrations in each status", "status",
            (db, ct) => SampledGauges.CountByAsync(db.PreRegistrations, p => p.Status, ct))
        .AddSampledGauge<EnrollmentDbContext>(Meter, "tadamon.enrollment.seats_filled", "{seat}", "Seats taken over all courses", null,
            async (db, ct) => [new Reading(null, await db.CourseSeats.SumAsync(c => (long)c.SeatsTaken, ct))])
        .AddSampledGauge<EnrollmentDbContext>(Meter, "tadamon.enrollment.waiting", "{person}", "People on waiting lists over all courses", null,
            async (db, ct) => [new Reading(null, await db.CourseSeats.SumAsync(c => (long)c.WaitingCount, ct))]);
}
