namespace Tadamon.Courses.Model;

/// <summary>Which centres a pause takes: those of one commune, those of one type, or every centre of the province.</summary>
public enum PauseScope { Commune, CentreType, All }

/// <summary>
/// An operator's decision to pause the in-person activity of a set of centres for a reason and a period, as the
/// delegation did in 2020 ("until further notice"). The centres are the ones the scope matched when it was made: a
/// centre registered later is not paused by it. Open until an operator resumes it.
/// </summary>
public sealed class CentrePause
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PauseScope Scope { get; init; }
    public string? Commune { get; init; }
    public CentreType? CentreType { get; init; }
    public List<Guid> CentreIds { get; init; } = [];
    public required string ReasonAr { get; init; }
    public required string ReasonFr { get; init; }
    public DateOnly From { get; init; }
    /// <summary>The planned end; null for "until further notice". Resuming is always an operator's act.</summary>
    public DateOnly? Until { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResumedAt { get; set; }
    public string? ResumedBy { get; set; }
    /// <summary>The client's <c>Idempotency-Key</c>: a retried request answers with this pause instead of making another.</summary>
    public string? IdempotencyKey { get; init; }
    public List<PausedCourseChange> Courses { get; init; } = [];

    public bool IsOpen => ResumedAt is null;
}

/// <summary>What one pause did to one course, kept so resuming undoes exactly that and nothing a manager did since.</summary>
public sealed class PausedCourseChange
{
    public Guid PauseId { get; init; }
    public Guid CourseId { get; init; }
    public Guid CentreId { get; init; }
    public ServiceMode ModeBefore { get; init; }
    public ServiceMode ModeDuring { get; init; }
    public List<Guid> CancelledLiveClassIds { get; init; } = [];
    /// <summary>Set at resumption: true when the course went back to <see cref="ModeBefore"/>.</summary>
    public bool? Restored { get; set; }

    public bool Switched => ModeBefore != ModeDuring;
}

/// <summary>The rules of a pause, in the delegation's terms.</summary>
public static class Pausing
{
    /// <summary>
    /// A course offered remotely, hybrid or partly in person already has an online part and goes fully remote for
    /// the pause. A fully in-person course cannot: its sessions stop for the period.
    /// </summary>
    public static bool CanRunRemotely(ServiceMode mode) => mode != ServiceMode.InPerson;

    /// <summary>Fully remote courses do not depend on the centre's doors: a pause leaves them alone.</summary>
    public static bool Affects(ServiceMode mode) => mode != ServiceMode.Remote;

    public static ServiceMode ModeDuring(ServiceMode mode) => CanRunRemotely(mode) ? ServiceMode.Remote : mode;

    /// <summary>A course is touched when it runs during the period at all.</summary>
    public static bool Overlaps(Course course, DateOnly from, DateOnly? until) =>
        course.EndsOn >= from && (until is null || course.StartsOn <= until);
}
