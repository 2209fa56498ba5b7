namespace Tadamon.Enrollment.Model;

/// <summary>
/// Enrollment's own view of a published course: how many seats it offers and how many are taken.
/// Seats are decided here, never in courses, so capacity is enforced in one place.
/// </summary>
public sealed class CourseSeats
{
    public Guid CourseId { get; init; }
    public Guid CentreId { get; init; }
    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }
}
