using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Apis;

public static class LiveClassesApi
{
    public static RouteGroupBuilder MapLiveClassesApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/courses/{courseId:guid}/live-classes").WithTags("Live classes");
        live.MapGet("/", ListLiveClasses).WithName("ListLiveClasses").Public().WithSummary("A course's live classes, soonest first");
        live.MapPost("/", Schedule).WithName("ScheduleLiveClass").For(Roles.CentreRunners).WithSummary("Schedule a live class (join link of any meeting system)");
        live.MapPost("/{liveClassId:guid}/move", Move).WithName("MoveLiveClass").For(Roles.CentreRunners).WithSummary("Move a live class; enrolled beneficiaries are told");
        live.MapPost("/{liveClassId:guid}/cancel", Cancel).WithName("CancelLiveClass").For(Roles.CentreRunners).WithSummary("Cancel a live class; enrolled beneficiaries are told");
        return live;
    }

    public sealed record ScheduleRequest(
        [Required, StringLength(200, MinimumLength = 2)] string TitleAr,
        [Required, StringLength(200, MinimumLength = 2)] string TitleFr,
        DateTimeOffset StartsAt,
        [Range(15, 480)] int DurationMinutes,
        [Required, StringLength(200, MinimumLength = 2)] string Teacher,
        [Required, Url, StringLength(500)] string JoinUrl,
        [StringLength(50)] string? AccessCode,
        [Range(1, 1000)] int Capacity);

    public sealed record MoveRequest(DateTimeOffset StartsAt, [Range(15, 480)] int DurationMinutes);
    public sealed record CancelRequest([StringLength(500)] string? Reason);

    /// <summary>The access code is for the course's people only; the public sees that one exists.</summary>
    public sealed record LiveClassResponse(
        Guid Id, Guid CourseId, string TitleAr, string TitleFr, DateTimeOffset StartsAt, int DurationMinutes, string Teacher,
        string? JoinUrl, bool HasAccessCode, int Capacity, LiveClassStatus Status, string? CancellationReason)
    {
        public static LiveClassResponse From(LiveClass l, bool manager) => new(l.Id, l.CourseId, l.TitleAr, l.TitleFr, l.StartsAt,
            l.DurationMinutes, l.Teacher, manager ? l.JoinUrl : null, l.AccessCode is not null, l.Capacity, l.Status, l.CancellationReason);
    }

    private static async Task<Results<Ok<LiveClassResponse[]>, ProblemHttpResult>> ListLiveClasses(Guid courseId, RequestContext rc)
    {
        var course = await rc.Db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, rc.Ct);
        var manager = course is not null && await rc.ManagesAsync(course.CentreId);
        if (course is null || (course.Status == CourseStatus.Draft && !manager)) return CoursesApi.CourseNotFound(rc);
        var rows = await rc.Db.LiveClasses.AsNoTracking().Where(l => l.CourseId == courseId)
            .OrderBy(l => l.StartsAt).Take(Paging.MaxPageSize).ToListAsync(rc.Ct);
        return TypedResults.Ok(rows.Select(l => LiveClassResponse.From(l, manager)).ToArray());
    }

    private static async Task<Results<Created<LiveClassResponse>, ProblemHttpResult, ValidationProblem>> Schedule(
        Guid courseId, ScheduleRequest request, RequestContext rc)
    {
        var course = await rc.Db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, rc.Ct);
        if (course is null) return CoursesApi.CourseNotFound(rc);
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return refusal;
        if (course.Status == CourseStatus.Archived)
            return Problems.Conflict(rc.Http, "Ce cours est archivé.", "هذه الدورة مؤرشفة.", "course-archived");
        if (Invalid(request.StartsAt, request.JoinUrl, rc) is { } invalid) return invalid;

        var live = new LiveClass
        {
            CourseId = course.Id, TitleAr = request.TitleAr.Trim(), TitleFr = request.TitleFr.Trim(), StartsAt = request.StartsAt,
            DurationMinutes = request.DurationMinutes, Teacher = request.Teacher.Trim(), JoinUrl = request.JoinUrl,
            AccessCode = string.IsNullOrWhiteSpace(request.AccessCode) ? null : request.AccessCode.Trim(), Capacity = request.Capacity,
        };
        rc.Db.LiveClasses.Add(live);
        // A draft's classes are announced when the course is published.
        if (course.Status == CourseStatus.Published) rc.Db.AddIntegrationEvent(CourseOutline.Scheduled(live));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Created($"/courses/{courseId}/live-classes/{live.Id}", LiveClassResponse.From(live, manager: true));
    }

    private static async Task<Results<Ok<LiveClassResponse>, ProblemHttpResult, ValidationProblem>> Move(
        Guid courseId, Guid liveClassId, MoveRequest request, RequestContext rc)
    {
        var (live, status, refusal) = await ChangeableAsync(courseId, liveClassId, rc);
        if (refusal is not null) return refusal;
        if (Invalid(request.StartsAt, live!.JoinUrl, rc) is { } invalid) return invalid;
        live.StartsAt = request.StartsAt;
        live.DurationMinutes = request.DurationMinutes;
        if (status == CourseStatus.Published)
            rc.Db.AddIntegrationEvent(new LiveClassMoved(live.Id, live.CourseId, live.StartsAt, live.DurationMinutes));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(LiveClassResponse.From(live, manager: true));
    }

    private static async Task<Results<Ok<LiveClassResponse>, ProblemHttpResult>> Cancel(
        Guid courseId, Guid liveClassId, CancelRequest request, RequestContext rc)
    {
        var (live, status, refusal) = await ChangeableAsync(courseId, liveClassId, rc);
        if (refusal is not null) return refusal;
        live!.Status = LiveClassStatus.Cancelled;
        live.CancellationReason = request.Reason?.Trim();
        if (status == CourseStatus.Published) rc.Db.AddIntegrationEvent(new LiveClassCancelled(live.Id, live.CourseId, live.CancellationReason));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(LiveClassResponse.From(live, manager: true));
    }

    private static ValidationProblem? Invalid(DateTimeOffset startsAt, string joinUrl, RequestContext rc)
    {
        if (startsAt <= rc.Clock.GetUtcNow())
            return Problems.Invalid(rc.Http, "StartsAt", "Une classe en direct se programme dans le futur.", "يجب برمجة القسم المباشر في المستقبل.");
        if (!LessonContent.IsSafeLink(joinUrl))
            return Problems.Invalid(rc.Http, "JoinUrl", "Le lien doit commencer par http:// ou https://.", "يجب أن يبدأ الرابط بـ http:// أو https://.");
        return null;
    }

    private static async Task<(LiveClass? Live, CourseStatus Status, ProblemHttpResult? Refusal)> ChangeableAsync(
        Guid courseId, Guid liveClassId, RequestContext rc)
    {
        var course = await rc.Db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, rc.Ct);
        if (course is null) return (null, default, CoursesApi.CourseNotFound(rc));
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return (null, default, refusal);
        var live = await rc.Db.LiveClasses.FirstOrDefaultAsync(l => l.Id == liveClassId && l.CourseId == courseId, rc.Ct);
        if (live is null) return (null, default, rc.NotFound("Classe en direct introuvable.", "القسم المباشر غير موجود."));
        if (live.Status == LiveClassStatus.Cancelled)
            return (null, default, Problems.Conflict(rc.Http, "Cette classe est déjà annulée.", "هذا القسم ملغى مسبقا.", "live-class-cancelled"));
        return (live, course.Status, null);
    }
}
