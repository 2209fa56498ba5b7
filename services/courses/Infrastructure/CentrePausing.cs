using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Infrastructure;

/// <summary>What a pause would take, before it is made: the centres and, per centre, the courses and what happens to them.</summary>
public sealed record PausePlan(IReadOnlyList<Centre> Centres, IReadOnlyList<(Course Course, ServiceMode ModeDuring, List<LiveClass> Cancelled)> Courses);

/// <summary>
/// Making and resuming pauses. Used by the operators' endpoints and by the demo seed, so both go through the same
/// rules and publish the same events.
/// </summary>
public static class CentrePausing
{
    /// <summary>
    /// The centres the scope matches, minus those an open pause already holds (a second pause of the same commune
    /// takes nothing), with their courses running in the period and what the pause does to each. With
    /// <paramref name="lockCentres"/> the centres stay locked until the transaction ends, so two operators pausing
    /// the same commune at once cannot both take it.
    /// </summary>
    public static async Task<PausePlan> PlanAsync(CoursesDbContext db, PauseScope scope, string? commune, CentreType? type,
        DateOnly from, DateOnly? until, DateTimeOffset now, bool lockCentres, CancellationToken ct)
    {
        var query = db.Centres.AsQueryable();
        if (scope == PauseScope.Commune) query = query.Where(c => c.Commune == commune);
        if (scope == PauseScope.CentreType) query = query.Where(c => c.Type == type);
        query = query.OrderBy(c => c.Id);
        var centres = lockCentres ? await query.ForUpdate().ToListAsync(ct) : await query.AsNoTracking().ToListAsync(ct);

        var held = (await db.CentrePauses.AsNoTracking().Where(p => p.ResumedAt == null).Select(p => p.CentreIds).ToListAsync(ct))
            .SelectMany(ids => ids).ToHashSet();
        centres = centres.Where(c => !held.Contains(c.Id)).OrderBy(c => c.NameFr).ToList();
        var ids = centres.Select(c => c.Id).ToList();

        var courses = (await db.Courses.Where(c => ids.Contains(c.CentreId) && c.Status != CourseStatus.Archived).ToListAsync(ct))
            .Where(c => Pausing.Affects(c.Mode) && Pausing.Overlaps(c, from, until)).OrderBy(c => c.TitleFr).ToList();
        var stopped = courses.Where(c => !Pausing.CanRunRemotely(c.Mode)).Select(c => c.Id).ToList();
        // The period in Morocco's days: from the first day's midnight to the last day's end (open-ended: no end).
        var start = MoroccoTime.At(from, TimeOnly.MinValue);
        if (start < now) start = now;
        DateTimeOffset? end = until is { } u ? MoroccoTime.At(u.AddDays(1), TimeOnly.MinValue) : null;
        var classes = await db.LiveClasses.Where(l => stopped.Contains(l.CourseId) && l.Status == LiveClassStatus.Scheduled && l.StartsAt >= start)
            .ToListAsync(ct);
        return new PausePlan(centres, courses.Select(c => (c, Pausing.ModeDuring(c.Mode),
            classes.Where(l => l.CourseId == c.Id && (end is null || l.StartsAt < end)).OrderBy(l => l.StartsAt).ToList())).ToList());
    }

    /// <summary>
    /// Applies a plan: courses that can go remote switch to Remote, a fully in-person course's live classes of the
    /// period are cancelled (each announced as a manager's cancellation is, so enrollment's usual notices follow),
    /// and one <see cref="CentresPaused"/> tells enrollment the whole of it. The caller saves, in one transaction.
    /// </summary>
    public static CentrePause Apply(CoursesDbContext db, PausePlan plan, CentrePause pause)
    {
        pause.CentreIds.AddRange(plan.Centres.Select(c => c.Id));
        var reason = $"{pause.ReasonFr} — {pause.ReasonAr}";
        foreach (var (course, during, cancelled) in plan.Courses)
        {
            pause.Courses.Add(new PausedCourseChange
            {
                PauseId = pause.Id, CourseId = course.Id, CentreId = course.CentreId, ModeBefore = course.Mode, ModeDuring = during,
                CancelledLiveClassIds = cancelled.Select(l => l.Id).ToList(),
            });
            course.Mode = during;
            foreach (var live in cancelled)
            {
                live.Status = LiveClassStatus.Cancelled;
                live.CancellationReason = reason;
                if (course.Status == CourseStatus.Published) db.AddIntegrationEvent(new LiveClassCancelled(live.Id, live.CourseId, reason));
            }
        }
        db.CentrePauses.Add(pause);
        var published = plan.Courses.Where(c => c.Course.Status == CourseStatus.Published).ToList();
        db.AddIntegrationEvent(new CentresPaused(pause.Id, pause.ReasonAr, pause.ReasonFr, pause.From, pause.Until,
            plan.Centres.Select(c => new PausedCentre(c.Id, c.NameAr, c.NameFr)).ToList(),
            pause.Courses.Where(p => published.Any(c => c.Course.Id == p.CourseId)).Select(p =>
            {
                var course = published.First(c => c.Course.Id == p.CourseId).Course;
                return new PausedCourse(p.CourseId, p.CentreId, course.TitleAr, course.TitleFr, p.ModeBefore.ToString(), p.ModeDuring.ToString(), p.CancelledLiveClassIds);
            }).ToList()) { OccurredAt = pause.CreatedAt });
        return pause;
    }

    /// <summary>
    /// Ends an open pause: each course it switched goes back to its earlier mode, unless its manager chose another
    /// mode meanwhile (theirs stands). Cancelled live classes stay cancelled: people were told, and a manager
    /// schedules new ones. Returns false, changing nothing, when the pause was already resumed. The caller saves.
    /// </summary>
    public static async Task<bool> ResumeAsync(CoursesDbContext db, CentrePause pause, string by, DateTimeOffset now, CancellationToken ct)
    {
        if (!pause.IsOpen) return false;
        var ids = pause.Courses.Select(c => c.CourseId).ToList();
        var courses = await db.Courses.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var told = new List<ResumedCourse>();
        foreach (var change in pause.Courses)
        {
            if (!courses.TryGetValue(change.CourseId, out var course)) continue;
            change.Restored = course.Mode == change.ModeDuring;
            if (change.Restored == true) course.Mode = change.ModeBefore;
            if (course.Status != CourseStatus.Draft) told.Add(new ResumedCourse(course.Id, course.Mode.ToString(), change.Restored == true));
        }
        pause.ResumedAt = now;
        pause.ResumedBy = by;
        db.AddIntegrationEvent(new CentresResumed(pause.Id, pause.CentreIds, told) { OccurredAt = now });
        return true;
    }
}
