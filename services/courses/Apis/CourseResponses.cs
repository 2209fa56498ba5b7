using Tadamon.Courses.Model;

namespace Tadamon.Courses.Apis;

public sealed record CourseSummary(
    Guid Id, Guid CentreId, string TitleAr, string TitleFr, ServiceMode Mode, CourseStatus Status,
    int MinAge, int MaxAge, AccessibilityNeeds AccessibilityServed, int Capacity, int SeatsTaken, int WaitingCount,
    DateOnly StartsOn, DateOnly EndsOn)
{
    public static CourseSummary From(Course c) => new(c.Id, c.CentreId, c.TitleAr, c.TitleFr, c.Mode, c.Status,
        c.MinAge, c.MaxAge, c.AccessibilityServed, c.Capacity, c.SeatsTaken, c.WaitingCount, c.StartsOn, c.EndsOn);
}

/// <summary>
/// A lesson. <see cref="Locked"/> lessons show only their place in the outline: text and links (null here) go to
/// those seated on the course, its centre's managers and operators; preview lessons are open to everyone.
/// </summary>
public sealed record LessonResponse(
    Guid Id, int Position, string TitleAr, string TitleFr, string? ContentAr, string? ContentFr,
    string? MediaUrl, string? DocumentUrl, int EstimatedMinutes, bool Required, string? CaptionsUrl, string? CaptionsLanguage,
    bool IsPreview, bool Locked)
{
    public static LessonResponse From(Lesson l, bool contentOpen) => contentOpen || l.IsPreview
        ? new(l.Id, l.Position, l.TitleAr, l.TitleFr, l.ContentAr, l.ContentFr, l.MediaUrl, l.DocumentUrl, l.EstimatedMinutes, l.Required,
            l.CaptionsUrl, l.CaptionsLanguage, l.IsPreview, Locked: false)
        : new(l.Id, l.Position, l.TitleAr, l.TitleFr, null, null, null, null, l.EstimatedMinutes, l.Required, null, null, l.IsPreview, Locked: true);
}

public sealed record ModuleResponse(Guid Id, int Position, string TitleAr, string TitleFr, IReadOnlyList<LessonResponse> Lessons)
{
    public static ModuleResponse From(Module m, bool contentOpen) => new(m.Id, m.Position, m.TitleAr, m.TitleFr,
        m.Lessons.OrderBy(l => l.Position).Select(l => LessonResponse.From(l, contentOpen)).ToList());
}

public sealed record CourseDetails(
    Guid Id, Guid CentreId, Guid SeasonId, string TitleAr, string TitleFr, string DescriptionAr, string DescriptionFr,
    int MinAge, int MaxAge, AccessibilityNeeds AccessibilityServed, int Capacity, int SeatsTaken, int WaitingCount,
    ServiceMode Mode, string ModeMeaningFr, string ModeMeaningAr, int RequiredLiveAttendancePercent,
    string ScheduleAr, string ScheduleFr, DateOnly StartsOn, DateOnly EndsOn, CourseStatus Status,
    int TotalMinutes, IReadOnlyList<ModuleResponse> Modules)
{
    /// <param name="contentOpen">False for callers who see only the outline and the preview lessons.</param>
    public static CourseDetails From(Course c, bool contentOpen = true)
    {
        var (fr, ar) = ServiceModes.Describe(c.Mode);
        var modules = c.Modules.OrderBy(m => m.Position).Select(m => ModuleResponse.From(m, contentOpen)).ToList();
        return new(c.Id, c.CentreId, c.SeasonId, c.TitleAr, c.TitleFr, c.DescriptionAr, c.DescriptionFr, c.MinAge, c.MaxAge,
            c.AccessibilityServed, c.Capacity, c.SeatsTaken, c.WaitingCount, c.Mode, fr, ar, c.RequiredLiveAttendancePercent,
            c.ScheduleAr, c.ScheduleFr, c.StartsOn, c.EndsOn, c.Status,
            modules.Sum(m => m.Lessons.Sum(l => l.EstimatedMinutes)), modules);
    }
}
