namespace Tadamon.Enrollment.Model;

public sealed record ModuleProgress(Guid ModuleId, int Position, int LessonsDone, int LessonsTotal, int Percent);

public sealed record CourseProgress(
    IReadOnlyList<ModuleProgress> Modules,
    int LessonsDone,
    int LessonsTotal,
    int RequiredDone,
    int RequiredTotal,
    int Percent,
    int LiveClassesAttended,
    int LiveClassesHeld,
    int RequiredLiveAttendancePercent,
    bool LiveAttendanceMet)
{
    /// <summary>Complete when every required lesson is done and, in modes that need it, enough live classes were attended.</summary>
    public bool IsComplete => RequiredTotal > 0 && RequiredDone == RequiredTotal && LiveAttendanceMet;
}

/// <summary>The arithmetic of progress and the rule of lesson order, kept apart from storage so both are easy to test.</summary>
public static class ProgressRules
{
    /// <summary>Lessons in course order: modules by position, then lessons by position.</summary>
    public static IReadOnlyList<CourseLesson> InOrder(IEnumerable<CourseLesson> lessons) =>
        lessons.OrderBy(l => l.ModulePosition).ThenBy(l => l.Position).ThenBy(l => l.LessonId).ToList();

    /// <summary>
    /// A lesson opens once every required lesson before it is done; optional lessons may be skipped but never
    /// hold anyone back. Returns the first required lesson still missing before <paramref name="lessonId"/>, if any.
    /// </summary>
    public static CourseLesson? FirstMissingBefore(IReadOnlyList<CourseLesson> ordered, ISet<Guid> done, Guid lessonId)
    {
        foreach (var lesson in ordered)
        {
            if (lesson.LessonId == lessonId) return null;
            if (lesson.Required && !done.Contains(lesson.LessonId)) return lesson;
        }
        return null;
    }

    /// <summary>
    /// Percentages are rounded down: 2 of 3 lessons is 66 %, and 100 % means everything is done.
    /// A completion of a lesson no longer in the outline does not count.
    /// </summary>
    /// <param name="seatedSince">Classes that ended before the learner had a seat (e.g. while on the waiting list) do not count against them.</param>
    public static CourseProgress Compute(
        IReadOnlyList<CourseLesson> ordered, ISet<Guid> done, IEnumerable<LiveClass> liveClasses, ISet<Guid> attended,
        int requiredLiveAttendancePercent, DateTimeOffset now, DateTimeOffset seatedSince = default)
    {
        var modules = ordered.GroupBy(l => (l.ModuleId, l.ModulePosition))
            .Select(g =>
            {
                var total = g.Count();
                var finished = g.Count(l => done.Contains(l.LessonId));
                return new ModuleProgress(g.Key.ModuleId, g.Key.ModulePosition, finished, total, Percent(finished, total));
            })
            .OrderBy(m => m.Position).ToList();

        var lessonsDone = ordered.Count(l => done.Contains(l.LessonId));
        var required = ordered.Where(l => l.Required).ToList();
        var requiredDone = required.Count(l => done.Contains(l.LessonId));

        var held = liveClasses.Where(l => l.HasOpenedBy(now) && l.EndsAt >= seatedSince).ToList();
        var attendedHeld = held.Count(l => attended.Contains(l.Id));
        // Nothing held yet means nothing could be missed: the requirement applies to classes that took place.
        var met = requiredLiveAttendancePercent == 0 || held.Count == 0
            || attendedHeld * 100 >= requiredLiveAttendancePercent * held.Count;

        return new CourseProgress(modules, lessonsDone, ordered.Count, requiredDone, required.Count,
            Percent(lessonsDone, ordered.Count), attendedHeld, held.Count, requiredLiveAttendancePercent, met);
    }

    public static int Percent(int part, int whole) => whole == 0 ? 0 : part * 100 / whole;
}
