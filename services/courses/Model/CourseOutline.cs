using Tadamon.Contracts.Courses;

namespace Tadamon.Courses.Model;

/// <summary>The events a course raises, built in one place so publishing and later changes say the same thing.</summary>
public static class CourseOutline
{
    public static IReadOnlyList<OutlineLesson> Of(Course course) =>
        course.Modules.OrderBy(m => m.Position)
            .SelectMany(m => m.Lessons.OrderBy(l => l.Position)
                .Select(l => new OutlineLesson(l.Id, m.Id, m.Position, l.Position, l.TitleAr, l.TitleFr, l.Required)))
            .ToList();

    public static CoursePublished Published(Course course, Centre centre, Season season) => new(
        course.Id, course.CentreId, course.TitleAr, course.TitleFr, centre.NameAr, centre.NameFr,
        course.Mode.ToString(), course.Capacity, course.MinAge, course.MaxAge, season.OpensOn, season.ClosesOn,
        course.RequiredLiveAttendancePercent, Of(course));

    public static LiveClassScheduled Scheduled(LiveClass live) => new(
        live.Id, live.CourseId, live.TitleAr, live.TitleFr, live.StartsAt, live.DurationMinutes, live.Teacher,
        live.JoinUrl, live.AccessCode, live.Capacity);
}
