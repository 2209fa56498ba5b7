namespace Tadamon.Courses.Model;

public enum CourseStatus { Draft, Published, Archived }

/// <summary>Accessibility needs a course serves (and a beneficiary may declare).</summary>
[Flags]
public enum AccessibilityNeeds { None = 0, SignLanguage = 1, EasyRead = 2, Audio = 4 }

/// <summary>A course of a centre: draft while its manager prepares it, published for pre-registration, archived at the end.</summary>
public sealed class Course
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CentreId { get; init; }
    public Guid SeasonId { get; set; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public required string DescriptionAr { get; set; }
    public required string DescriptionFr { get; set; }
    public int MinAge { get; set; }
    public int MaxAge { get; set; }
    public AccessibilityNeeds AccessibilityServed { get; set; }
    public int Capacity { get; set; }
    public ServiceMode Mode { get; set; }
    public int RequiredLiveAttendancePercent { get; set; }
    public required string ScheduleAr { get; set; }
    public required string ScheduleFr { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public CourseStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    // Seat counts as enrollment last reported them (display only: enrollment decides seats).
    public int SeatsTaken { get; set; }
    public int WaitingCount { get; set; }
    public long SeatsVersion { get; set; }

    public List<Module> Modules { get; init; } = [];
}

/// <summary>A part of a course, holding lessons in order.</summary>
public sealed class Module
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CourseId { get; init; }
    public int Position { get; set; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public List<Lesson> Lessons { get; init; } = [];
}

/// <summary>One lesson: sanitised text, optional media (with optional captions) and document links, an estimated duration.</summary>
public sealed class Lesson
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ModuleId { get; init; }
    public int Position { get; set; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public required string ContentAr { get; set; }
    public required string ContentFr { get; set; }
    public string? MediaUrl { get; set; }
    /// <summary>A WebVTT captions file for the video; null when the video has none.</summary>
    public string? CaptionsUrl { get; set; }
    /// <summary>"ar" or "fr" when there are captions, else null.</summary>
    public string? CaptionsLanguage { get; set; }
    public string? DocumentUrl { get; set; }
    public int EstimatedMinutes { get; set; }
    public bool Required { get; set; }
    /// <summary>Shown whole to anyone on the public course page, as a taste; other lessons only to those seated.</summary>
    public bool IsPreview { get; set; }
}

public enum LiveClassStatus { Scheduled, Cancelled }

/// <summary>A class given live in a meeting system; the platform only keeps a join link and an optional access code.</summary>
public sealed class LiveClass
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CourseId { get; init; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public required string Teacher { get; set; }
    public required string JoinUrl { get; set; }
    public string? AccessCode { get; set; }
    public int Capacity { get; set; }
    public LiveClassStatus Status { get; set; }
    public string? CancellationReason { get; set; }
}
