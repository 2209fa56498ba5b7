namespace Tadamon.Contracts.Courses;

/// <summary>One lesson's place in a course, as enrollment needs it to order and count progress.</summary>
public sealed record OutlineLesson(
    Guid LessonId,
    Guid ModuleId,
    int ModulePosition,
    int Position,
    string TitleAr,
    string TitleFr,
    bool Required);

/// <summary>
/// A course opened to pre-registration. Carries everything enrollment enforces on its own: capacity,
/// the season's pre-registration window, the audience's ages, and the outline (modules and lessons, in order).
/// </summary>
public sealed record CoursePublished(
    Guid CourseId,
    Guid CentreId,
    string TitleAr,
    string TitleFr,
    string CentreNameAr,
    string CentreNameFr,
    string Mode,
    int Capacity,
    int MinAge,
    int MaxAge,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    int RequiredLiveAttendancePercent,
    IReadOnlyList<OutlineLesson> Outline) : IntegrationEvent;

/// <summary>A published course's capacity changed. A reduction stops new seats; it never evicts anyone.</summary>
public sealed record CourseCapacityChanged(Guid CourseId, int Capacity) : IntegrationEvent;

/// <summary>
/// A published course's modules or lessons changed (added, edited or reordered): the whole outline, in order,
/// so a consumer that sees only the newest copy is still right.
/// </summary>
public sealed record CourseOutlineChanged(Guid CourseId, IReadOnlyList<OutlineLesson> Outline) : IntegrationEvent;

/// <summary>A course closed: no new pre-registrations; people already enrolled keep their records.</summary>
public sealed record CourseArchived(Guid CourseId) : IntegrationEvent;

/// <summary>A live class of a published course was scheduled. The join link is provider-agnostic.</summary>
public sealed record LiveClassScheduled(
    Guid LiveClassId,
    Guid CourseId,
    string TitleAr,
    string TitleFr,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Teacher,
    string JoinUrl,
    string? AccessCode,
    int Capacity) : IntegrationEvent;

/// <summary>A live class moved to another time; enrolled beneficiaries are told.</summary>
public sealed record LiveClassMoved(Guid LiveClassId, Guid CourseId, DateTimeOffset StartsAt, int DurationMinutes) : IntegrationEvent;

/// <summary>A live class was cancelled; enrolled beneficiaries are told and it no longer counts for attendance.</summary>
public sealed record LiveClassCancelled(Guid LiveClassId, Guid CourseId, string? Reason) : IntegrationEvent;

/// <summary>
/// A centre came to be run by a partner association, or stopped being (AssociationId null). The association's
/// manager may manage the centre exactly while it is run by their association; a consumer keeps the newest copy
/// (OccurredAt), so any order of arrival ends the same.
/// </summary>
public sealed record CentreAssociationChanged(Guid CentreId, Guid? AssociationId) : IntegrationEvent;
