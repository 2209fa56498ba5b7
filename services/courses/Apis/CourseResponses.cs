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

public sealed record LessonResponse(
    Guid Id, int Position, string TitleAr, string TitleFr, string ContentAr, string ContentFr,
    string? MediaUrl, string? DocumentUrl, int EstimatedMinutes, bool Required, string? CaptionsUrl, string? CaptionsLanguage)
{
    public static LessonResponse From(Lesson l) =>
        new(l.Id, l.Position, l.TitleAr, l.TitleFr, l.ContentAr, l.ContentFr, l.MediaUrl, l.DocumentUrl, l.EstimatedMinutes, l.Required,
            l.CaptionsUrl, l.CaptionsLanguage);
}

public sealed record ModuleResponse(Guid Id, int Position, string TitleAr, string TitleFr, IReadOnlyList<LessonResponse> Lessons)
{
    public static ModuleResponse From(Module m) => new(m.Id, m.Position, m.TitleAr, m.TitleFr,
        m.Lessons.OrderBy(l => l.Position).Select(LessonResponse.From).ToList());
}

public sealed record CourseDetails(
    Guid Id, Guid CentreId, Guid SeasonId, string TitleAr, string TitleFr, string DescriptionAr, string DescriptionFr,
    int MinAge, int MaxAge, AccessibilityNeeds AccessibilityServed, int Capacity, int SeatsTaken, int WaitingCount,
    ServiceMode Mode, string ModeMeaningFr, string ModeMeaningAr, int RequiredLiveAttendancePercent,
    string ScheduleAr, string ScheduleFr, DateOnly StartsOn, DateOnly EndsOn, CourseStatus Status,
    int TotalMinutes, IReadOnlyList<ModuleResponse> Modules)
{
    public static CourseDetails From(Course c)
    {
        var (fr, ar) = ServiceModes.Describe(c.Mode);
        var modules = c.Modules.OrderBy(m => m.Position).Select(ModuleResponse.From).ToList();
        return new(c.Id, c.CentreId, c.SeasonId, c.TitleAr, c.TitleFr, c.DescriptionAr, c.DescriptionFr, c.MinAge, c.MaxAge,
            c.AccessibilityServed, c.Capacity, c.SeatsTaken, c.WaitingCount, c.Mode, fr, ar, c.RequiredLiveAttendancePercent,
            c.ScheduleAr, c.ScheduleFr, c.StartsOn, c.EndsOn, c.Status,
            modules.Sum(m => m.Lessons.Sum(l => l.EstimatedMinutes)), modules);
    }
}
