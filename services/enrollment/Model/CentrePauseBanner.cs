namespace Tadamon.Enrollment.Model;

/// <summary>
/// Enrollment's copy of a pause of one centre's in-person activity (from courses' <c>CentresPaused</c>): shown as a
/// banner to the people of that centre while pre-registration stays open. One row per pause and centre, so a copy
/// of the event finds its rows and changes nothing.
/// </summary>
public sealed class CentrePauseBanner
{
    public Guid PauseId { get; init; }
    public Guid CentreId { get; init; }
    public required string CentreNameAr { get; init; }
    public required string CentreNameFr { get; init; }
    public required string ReasonAr { get; init; }
    public required string ReasonFr { get; init; }
    public DateOnly From { get; init; }
    /// <summary>Null: until further notice.</summary>
    public DateOnly? Until { get; init; }
    public DateTimeOffset PausedAt { get; init; }
    public DateTimeOffset? ResumedAt { get; set; }
}
