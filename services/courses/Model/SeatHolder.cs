namespace Tadamon.Courses.Model;

/// <summary>
/// Whether a beneficiary holds a seat on a course, as enrollment last reported it. Courses keeps this copy so it can
/// hand lesson content to the seated without calling enrollment on every page. <see cref="Version"/> is the
/// course's seat version of that report: a late, older report never overrides a newer one.
/// </summary>
public sealed class SeatHolder
{
    public Guid CourseId { get; init; }
    public required string BeneficiaryId { get; init; }
    public bool Seated { get; set; }
    public long Version { get; set; }
}
