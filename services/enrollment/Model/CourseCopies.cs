namespace Tadamon.Enrollment.Model;

/// <summary>A lesson as enrollment needs it: where it sits in the course and whether completion requires it.</summary>
public sealed class CourseLesson
{
    public Guid LessonId { get; init; }
    public Guid CourseId { get; init; }
    public Guid ModuleId { get; set; }
    public int ModulePosition { get; set; }
    public int Position { get; set; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public bool Required { get; set; }
}

/// <summary>Enrollment's copy of a live class: where to send people who join, and what counts for attendance.</summary>
public sealed class LiveClass
{
    public Guid Id { get; init; }
    public Guid CourseId { get; init; }
    public required string TitleAr { get; set; }
    public required string TitleFr { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public required string Teacher { get; set; }
    public required string JoinUrl { get; set; }
    public string? AccessCode { get; set; }
    /// <summary>How many people the meeting room takes; joins beyond it are refused.</summary>
    public int Capacity { get; set; }
    public bool Cancelled { get; set; }
    public DateTimeOffset AsOf { get; set; }

    /// <summary>People may come in a quarter of an hour early.</summary>
    public static readonly TimeSpan EarlyJoin = TimeSpan.FromMinutes(15);

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public bool IsJoinableAt(DateTimeOffset now) => !Cancelled && now >= StartsAt - EarlyJoin && now <= EndsAt;
    /// <summary>A class counts towards the attendance requirement once people could join it.</summary>
    public bool HasOpenedBy(DateTimeOffset now) => !Cancelled && now >= StartsAt - EarlyJoin;
}
