namespace Tadamon.Contracts.Courses;

/// <summary>A centre whose in-person activity an operator paused.</summary>
public sealed record PausedCentre(Guid CentreId, string NameAr, string NameFr);

/// <summary>
/// What a pause did to one course: the mode it had, the mode it runs in during the pause (Remote when it can run
/// remotely; unchanged when it cannot, its in-person sessions then simply stop), and the live classes of the period
/// that were cancelled (each also announced by its own <see cref="LiveClassCancelled"/>).
/// </summary>
public sealed record PausedCourse(
    Guid CourseId,
    Guid CentreId,
    string TitleAr,
    string TitleFr,
    string ModeBefore,
    string ModeDuring,
    IReadOnlyList<Guid> CancelledLiveClassIds);

/// <summary>
/// An operator paused the in-person activity of a set of centres (a commune, a type of centre, or all), with a reason
/// and dates (Until null: until further notice). Pre-registration stays open. One event per pause, whatever the
/// number of centres: a consumer keys on PauseId, so a copy changes nothing.
/// </summary>
public sealed record CentresPaused(
    Guid PauseId,
    string ReasonAr,
    string ReasonFr,
    DateOnly From,
    DateOnly? Until,
    IReadOnlyList<PausedCentre> Centres,
    IReadOnlyList<PausedCourse> Courses) : IntegrationEvent;

/// <summary>
/// A course after a pause ended: its mode now, and whether that is the mode it had before (false when its manager
/// changed it during the pause: their choice stands).
/// </summary>
public sealed record ResumedCourse(Guid CourseId, string Mode, bool Restored);

/// <summary>The paused centres took up their in-person activity again. Always follows its <see cref="CentresPaused"/>.</summary>
public sealed record CentresResumed(Guid PauseId, IReadOnlyList<Guid> CentreIds, IReadOnlyList<ResumedCourse> Courses) : IntegrationEvent;
