using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Enrollment.Infrastructure;

namespace Tadamon.Enrollment.Apis;

public static class CourseSeatsApi
{
    public static RouteGroupBuilder MapCourseSeatsApi(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Seats");
        courses.MapGet("/{courseId:guid}/seats", GetSeats).WithName("GetCourseSeats").WithSummary("Seats offered and taken on a course");
        return courses;
    }

    public sealed record CourseSeatsResponse(Guid CourseId, int Capacity, int SeatsTaken, int SeatsLeft);

    private static async Task<Results<Ok<CourseSeatsResponse>, NotFound>> GetSeats(Guid courseId, EnrollmentDbContext db, CancellationToken ct) =>
        await db.CourseSeats.AsNoTracking().FirstOrDefaultAsync(s => s.CourseId == courseId, ct) is { } s
            ? TypedResults.Ok(new CourseSeatsResponse(s.CourseId, s.Capacity, s.SeatsTaken, Math.Max(0, s.Capacity - s.SeatsTaken)))
            : TypedResults.NotFound();
}
