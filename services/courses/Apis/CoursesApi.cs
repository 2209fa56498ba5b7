using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Infrastructure;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Apis;

public static class CoursesApi
{
    public static RouteGroupBuilder MapCoursesApi(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Courses");
        courses.MapGet("/", ListCourses).WithName("ListCourses").Public().WithSummary("Published courses by centre, mode or words; a centre's manager also sees its drafts");
        courses.MapGet("/{id:guid}", GetCourse).WithName("GetCourse").Public().WithSummary("A course with its modules and lessons, in order")
            .WithDescription("Everyone sees the outline and the preview lessons; the other lessons' text and links go only to beneficiaries seated on the course, the centre's managers and operators (locked lessons have them null).");
        courses.MapPost("/", CreateCourse).WithName("CreateCourse").For(Roles.CentreRunners).WithSummary("Draft a course in a centre");
        courses.MapPut("/{id:guid}/capacity", ChangeCapacity).WithName("ChangeCourseCapacity").For(Roles.CentreRunners).WithSummary("Change the number of seats");
        courses.MapPost("/{id:guid}/publish", Publish).WithName("PublishCourse").For(Roles.CentreRunners).WithSummary("Open the course to pre-registration");
        courses.MapPost("/{id:guid}/archive", Archive).WithName("ArchiveCourse").For(Roles.CentreRunners).WithSummary("Close the course");
        return courses;
    }

    public sealed record CreateCourseRequest(
        Guid CentreId,
        Guid SeasonId,
        [Required, StringLength(200, MinimumLength = 3)] string TitleAr,
        [Required, StringLength(200, MinimumLength = 3)] string TitleFr,
        [Required, StringLength(4000, MinimumLength = 10)] string DescriptionAr,
        [Required, StringLength(4000, MinimumLength = 10)] string DescriptionFr,
        [Range(0, 120)] int MinAge,
        [Range(0, 120)] int MaxAge,
        AccessibilityNeeds AccessibilityServed,
        [Range(1, 500)] int Capacity,
        ServiceMode? Mode,
        [Range(0, 100)] int? RequiredLiveAttendancePercent,
        [Required, StringLength(300, MinimumLength = 3)] string ScheduleAr,
        [Required, StringLength(300, MinimumLength = 3)] string ScheduleFr,
        DateOnly StartsOn,
        DateOnly EndsOn);

    public sealed record ChangeCapacityRequest([Range(1, 500)] int Capacity);

    internal static Task<Course?> LoadAsync(CoursesDbContext db, Guid id, CancellationToken ct) =>
        db.Courses.Include(c => c.Modules).ThenInclude(m => m.Lessons).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);

    internal static ProblemHttpResult CourseNotFound(RequestContext rc) => rc.NotFound("Cours introuvable.", "الدورة غير موجودة.");

    private static async Task<Ok<Page<CourseSummary>>> ListCourses(
        RequestContext rc, Guid? centreId, ServiceMode? mode, string? q, int? page, int? pageSize)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = rc.Db.Courses.AsNoTracking();
        var seesDrafts = centreId is { } own && await rc.ManagesAsync(own);
        query = seesDrafts ? query.Where(c => c.CentreId == centreId) : query.Where(c => c.Status == CourseStatus.Published);
        if (centreId is { } centre) query = query.Where(c => c.CentreId == centre);
        if (mode is { } m) query = query.Where(c => c.Mode == m);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim().Replace("%", "").Replace("_", "")}%";
            query = query.Where(c => EF.Functions.ILike(c.TitleFr, pattern) || EF.Functions.ILike(c.TitleAr, pattern)
                || EF.Functions.ILike(c.DescriptionFr, pattern) || EF.Functions.ILike(c.DescriptionAr, pattern));
        }
        var total = await query.CountAsync(rc.Ct);
        var rows = await query.OrderBy(c => c.StartsOn).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(rc.Ct);
        return TypedResults.Ok(new Page<CourseSummary>(rows.Select(CourseSummary.From).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult>> GetCourse(Guid id, RequestContext rc)
    {
        var course = await LoadAsync(rc.Db, id, rc.Ct);
        // A draft is the manager's work in progress: to everyone else it does not exist yet.
        if (course is null || (course.Status == CourseStatus.Draft && !await rc.ManagesAsync(course.CentreId)))
            return CourseNotFound(rc);
        return TypedResults.Ok(CourseDetails.From(course, await ContentOpenAsync(course, rc)));
    }

    /// <summary>Lesson content is for the course's seated beneficiaries and the people running its centre.</summary>
    private static async Task<bool> ContentOpenAsync(Course course, RequestContext rc)
    {
        if (await rc.ManagesAsync(course.CentreId)) return true;
        var caller = rc.Caller;
        return caller.IsInRole(Roles.Beneficiary) && caller.UserId is { } me
            && await rc.Db.SeatHolders.AnyAsync(s => s.CourseId == course.Id && s.BeneficiaryId == me && s.Seated, rc.Ct);
    }

    private static async Task<Results<Created<CourseDetails>, ProblemHttpResult, ValidationProblem>> CreateCourse(
        CreateCourseRequest request, RequestContext rc)
    {
        if (await rc.RefuseUnlessManagesAsync(request.CentreId) is { } refusal) return refusal;
        if (request.MaxAge < request.MinAge)
            return Problems.Invalid(rc.Http, nameof(request.MaxAge), "L'âge maximal doit être au moins l'âge minimal.", "يجب ألا يقل السن الأقصى عن السن الأدنى.");
        if (request.EndsOn < request.StartsOn)
            return Problems.Invalid(rc.Http, nameof(request.EndsOn), "Le cours doit finir après son début.", "يجب أن تنتهي الدورة بعد بدايتها.");
        var centre = await rc.Db.Centres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CentreId, rc.Ct);
        if (centre is null) return rc.NotFound("Centre introuvable.", "المركز غير موجود.");
        if (!await rc.Db.Seasons.AnyAsync(s => s.Id == request.SeasonId, rc.Ct))
            return Problems.Invalid(rc.Http, nameof(request.SeasonId), "Saison inconnue.", "موسم غير معروف.");

        var mode = request.Mode ?? centre.Mode;
        var course = new Course
        {
            CentreId = centre.Id, SeasonId = request.SeasonId,
            TitleAr = request.TitleAr.Trim(), TitleFr = request.TitleFr.Trim(),
            DescriptionAr = LessonContent.Sanitise(request.DescriptionAr), DescriptionFr = LessonContent.Sanitise(request.DescriptionFr),
            MinAge = request.MinAge, MaxAge = request.MaxAge, AccessibilityServed = request.AccessibilityServed,
            Capacity = request.Capacity, Mode = mode,
            RequiredLiveAttendancePercent = request.RequiredLiveAttendancePercent ?? ServiceModes.DefaultLiveAttendancePercent(mode),
            ScheduleAr = request.ScheduleAr.Trim(), ScheduleFr = request.ScheduleFr.Trim(),
            StartsOn = request.StartsOn, EndsOn = request.EndsOn, Status = CourseStatus.Draft,
        };
        rc.Db.Courses.Add(course);
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Created($"/courses/{course.Id}", CourseDetails.From(course));
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult>> ChangeCapacity(
        Guid id, ChangeCapacityRequest request, RequestContext rc)
    {
        var course = await LoadAsync(rc.Db, id, rc.Ct);
        if (course is null) return CourseNotFound(rc);
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return refusal;
        if (course.Status == CourseStatus.Archived)
            return Problems.Conflict(rc.Http, "Ce cours est archivé.", "هذه الدورة مؤرشفة.", "course-archived");
        if (course.Capacity == request.Capacity) return TypedResults.Ok(CourseDetails.From(course));

        course.Capacity = request.Capacity;
        if (course.Status == CourseStatus.Published) rc.Db.AddIntegrationEvent(new CourseCapacityChanged(course.Id, course.Capacity));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CourseDetails.From(course));
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult>> Publish(Guid id, RequestContext rc)
    {
        var course = await LoadAsync(rc.Db, id, rc.Ct);
        if (course is null) return CourseNotFound(rc);
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return refusal;
        if (course.Status == CourseStatus.Published) return TypedResults.Ok(CourseDetails.From(course)); // publishing twice is harmless
        if (course.Status == CourseStatus.Archived)
            return Problems.Conflict(rc.Http, "Un cours archivé ne peut pas être republié.", "لا يمكن إعادة نشر دورة مؤرشفة.", "course-archived");
        if (!course.Modules.Any(m => m.Lessons.Any(l => l.Required)))
            return Problems.Conflict(rc.Http, "Le cours doit avoir au moins une leçon obligatoire avant publication.",
                "يجب أن تتضمن الدورة درسا إلزاميا واحدا على الأقل قبل النشر.", "course-empty");

        await PublishAsync(rc.Db, course, rc.Clock.GetUtcNow(), rc.Ct);
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CourseDetails.From(course));
    }

    /// <summary>
    /// Publishes a draft: the course and the live classes already scheduled go out as events in the caller's
    /// transaction. The demo seeding uses this very path.
    /// </summary>
    internal static async Task PublishAsync(CoursesDbContext db, Course course, DateTimeOffset now, CancellationToken ct)
    {
        var centre = await db.Centres.AsNoTracking().FirstAsync(c => c.Id == course.CentreId, ct);
        var season = await db.Seasons.AsNoTracking().FirstAsync(s => s.Id == course.SeasonId, ct);
        course.Status = CourseStatus.Published;
        course.PublishedAt = now;
        db.AddIntegrationEvent(CourseOutline.Published(course, centre, season));
        var scheduled = await db.LiveClasses.AsNoTracking()
            .Where(l => l.CourseId == course.Id && l.Status == LiveClassStatus.Scheduled).ToListAsync(ct);
        foreach (var live in scheduled) db.AddIntegrationEvent(CourseOutline.Scheduled(live));
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult>> Archive(Guid id, RequestContext rc)
    {
        var course = await LoadAsync(rc.Db, id, rc.Ct);
        if (course is null) return CourseNotFound(rc);
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return refusal;
        if (course.Status == CourseStatus.Archived) return TypedResults.Ok(CourseDetails.From(course));
        var wasPublished = course.Status == CourseStatus.Published;
        course.Status = CourseStatus.Archived;
        if (wasPublished) rc.Db.AddIntegrationEvent(new CourseArchived(course.Id));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CourseDetails.From(course));
    }
}
