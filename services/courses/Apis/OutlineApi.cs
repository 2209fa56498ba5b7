using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Tadamon.Contracts.Courses;
using Tadamon.Courses.Model;
using Tadamon.Messaging;

namespace Tadamon.Courses.Apis;

/// <summary>Modules and lessons of a course, and their order.</summary>
public static class OutlineApi
{
    public static RouteGroupBuilder MapOutlineApi(this IEndpointRouteBuilder app)
    {
        var outline = app.MapGroup("/courses/{courseId:guid}/modules").WithTags("Modules and lessons");
        outline.MapPost("/", AddModule).WithName("AddModule").For(Roles.CentreRunners).WithSummary("Add a module at the end of the course");
        outline.MapPut("/order", ReorderModules).WithName("ReorderModules").For(Roles.CentreRunners).WithSummary("Put the course's modules in a new order (every module, once)");
        outline.MapPost("/{moduleId:guid}/lessons", AddLesson).WithName("AddLesson").For(Roles.CentreRunners).WithSummary("Add a lesson at the end of a module; its text is sanitised; a video may carry a WebVTT captions link");
        outline.MapPut("/{moduleId:guid}/lessons/{lessonId:guid}", EditLesson).WithName("EditLesson").For(Roles.CentreRunners).WithSummary("Change a lesson's text, links, captions, duration, required or preview flag");
        outline.MapPut("/{moduleId:guid}/lessons/order", ReorderLessons).WithName("ReorderLessons").For(Roles.CentreRunners).WithSummary("Put a module's lessons in a new order (every lesson, once)");
        return outline;
    }

    public sealed record AddModuleRequest(
        [Required, StringLength(200, MinimumLength = 2)] string TitleAr,
        [Required, StringLength(200, MinimumLength = 2)] string TitleFr);

    public sealed record AddLessonRequest(
        [Required, StringLength(200, MinimumLength = 2)] string TitleAr,
        [Required, StringLength(200, MinimumLength = 2)] string TitleFr,
        [Required, StringLength(20000)] string ContentAr,
        [Required, StringLength(20000)] string ContentFr,
        [Url, StringLength(500)] string? MediaUrl,
        [Url, StringLength(500)] string? DocumentUrl,
        [Range(1, 600)] int EstimatedMinutes,
        bool Required = true,
        // No [Url] on captions: the checks below answer in the caller's language, which the attribute does not.
        [StringLength(500)] string? CaptionsUrl = null,
        string? CaptionsLanguage = null,
        // A preview lesson is shown whole on the public course page.
        bool IsPreview = false);

    public sealed record ReorderRequest([Required, MinLength(1)] Guid[] Ids);

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult>> AddModule(
        Guid courseId, AddModuleRequest request, RequestContext rc)
    {
        var (course, refusal) = await EditableAsync(courseId, rc);
        if (refusal is not null) return refusal;
        course!.Modules.Add(new Module
        {
            CourseId = course.Id, Position = course.Modules.Select(m => m.Position).DefaultIfEmpty(0).Max() + 1,
            TitleAr = request.TitleAr.Trim(), TitleFr = request.TitleFr.Trim(),
        });
        return await SaveAsync(course, rc);
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult, ValidationProblem>> ReorderModules(
        Guid courseId, ReorderRequest request, RequestContext rc)
    {
        var (course, refusal) = await EditableAsync(courseId, rc);
        if (refusal is not null) return refusal;
        if (!SameSet(request.Ids, course!.Modules.Select(m => m.Id)))
            return Problems.Invalid(rc.Http, nameof(request.Ids), "Donnez chaque module du cours une seule fois.", "اذكر كل وحدة من وحدات الدورة مرة واحدة.");
        var modules = course.Modules.ToDictionary(m => m.Id);
        for (var i = 0; i < request.Ids.Length; i++) modules[request.Ids[i]].Position = i + 1;
        return await SaveAsync(course, rc);
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult, ValidationProblem>> AddLesson(
        Guid courseId, Guid moduleId, AddLessonRequest request, RequestContext rc)
    {
        var (course, refusal) = await EditableAsync(courseId, rc);
        if (refusal is not null) return refusal;
        var module = course!.Modules.FirstOrDefault(m => m.Id == moduleId);
        if (module is null) return rc.NotFound("Module introuvable.", "الوحدة غير موجودة.");
        if (InvalidLinks(request, rc) is { } invalid) return invalid;
        var (captions, captionsLanguage) = Captions(request);
        module.Lessons.Add(new Lesson
        {
            ModuleId = module.Id, Position = module.Lessons.Select(l => l.Position).DefaultIfEmpty(0).Max() + 1,
            TitleAr = request.TitleAr.Trim(), TitleFr = request.TitleFr.Trim(),
            ContentAr = LessonContent.Sanitise(request.ContentAr), ContentFr = LessonContent.Sanitise(request.ContentFr),
            MediaUrl = request.MediaUrl, DocumentUrl = request.DocumentUrl, CaptionsUrl = captions, CaptionsLanguage = captionsLanguage,
            EstimatedMinutes = request.EstimatedMinutes, Required = request.Required, IsPreview = request.IsPreview,
        });
        return await SaveAsync(course, rc);
    }

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult, ValidationProblem>> EditLesson(
        Guid courseId, Guid moduleId, Guid lessonId, AddLessonRequest request, RequestContext rc)
    {
        var (course, refusal) = await EditableAsync(courseId, rc);
        if (refusal is not null) return refusal;
        var lesson = course!.Modules.FirstOrDefault(m => m.Id == moduleId)?.Lessons.FirstOrDefault(l => l.Id == lessonId);
        if (lesson is null) return rc.NotFound("Leçon introuvable.", "الدرس غير موجود.");
        if (InvalidLinks(request, rc) is { } invalid) return invalid;
        lesson.TitleAr = request.TitleAr.Trim();
        lesson.TitleFr = request.TitleFr.Trim();
        lesson.ContentAr = LessonContent.Sanitise(request.ContentAr);
        lesson.ContentFr = LessonContent.Sanitise(request.ContentFr);
        lesson.MediaUrl = request.MediaUrl;
        lesson.DocumentUrl = request.DocumentUrl;
        (lesson.CaptionsUrl, lesson.CaptionsLanguage) = Captions(request);
        lesson.EstimatedMinutes = request.EstimatedMinutes;
        lesson.Required = request.Required;
        lesson.IsPreview = request.IsPreview;
        return await SaveAsync(course, rc);
    }

    private static ValidationProblem? InvalidLinks(AddLessonRequest request, RequestContext rc)
    {
        foreach (var (field, url) in new[] { (nameof(request.MediaUrl), request.MediaUrl), (nameof(request.DocumentUrl), request.DocumentUrl) })
        {
            if (url is not null && !LessonContent.IsSafeLink(url))
                return Problems.Invalid(rc.Http, field, "Le lien doit commencer par http:// ou https://.", "يجب أن يبدأ الرابط بـ http:// أو https://.");
        }
        var (captions, language) = (Blank(request.CaptionsUrl), Blank(request.CaptionsLanguage));
        if (captions is not null && !LessonContent.IsSafeLink(captions))
            return Problems.Invalid(rc.Http, nameof(request.CaptionsUrl), "Le lien des sous-titres doit commencer par http:// ou https://.",
                "يجب أن يبدأ رابط الترجمة المكتوبة بـ http:// أو https://.");
        if (captions is not null && request.MediaUrl is null)
            return Problems.Invalid(rc.Http, nameof(request.CaptionsUrl), "Les sous-titres accompagnent une vidéo : donnez aussi le lien de la vidéo.",
                "الترجمة المكتوبة ترافق فيديو: أضف رابط الفيديو أيضا.");
        if (language is not null && !CaptionLanguages.Contains(language.ToLowerInvariant()))
            return Problems.Invalid(rc.Http, nameof(request.CaptionsLanguage), "Langue des sous-titres : « ar » (arabe) ou « fr » (français).",
                "لغة الترجمة المكتوبة: «ar» (العربية) أو «fr» (الفرنسية).");
        return null;
    }

    private static readonly string[] CaptionLanguages = ["ar", "fr"];

    /// <summary>
    /// The captions as stored: none at all without a link; Arabic unless told otherwise, as most beneficiaries
    /// read Arabic and the site opens in it.
    /// </summary>
    private static (string? Url, string? Language) Captions(AddLessonRequest request) =>
        Blank(request.CaptionsUrl) is { } url ? (url, Blank(request.CaptionsLanguage)?.ToLowerInvariant() ?? "ar") : (null, null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<Results<Ok<CourseDetails>, ProblemHttpResult, ValidationProblem>> ReorderLessons(
        Guid courseId, Guid moduleId, ReorderRequest request, RequestContext rc)
    {
        var (course, refusal) = await EditableAsync(courseId, rc);
        if (refusal is not null) return refusal;
        var module = course!.Modules.FirstOrDefault(m => m.Id == moduleId);
        if (module is null) return rc.NotFound("Module introuvable.", "الوحدة غير موجودة.");
        if (!SameSet(request.Ids, module.Lessons.Select(l => l.Id)))
            return Problems.Invalid(rc.Http, nameof(request.Ids), "Donnez chaque leçon du module une seule fois.", "اذكر كل درس من دروس الوحدة مرة واحدة.");
        var lessons = module.Lessons.ToDictionary(l => l.Id);
        for (var i = 0; i < request.Ids.Length; i++) lessons[request.Ids[i]].Position = i + 1;
        return await SaveAsync(course, rc);
    }

    private static bool SameSet(Guid[] given, IEnumerable<Guid> existing)
    {
        var set = existing.ToHashSet();
        return given.Length == set.Count && given.Distinct().Count() == given.Length && given.All(set.Contains);
    }

    private static async Task<(Course? Course, ProblemHttpResult? Refusal)> EditableAsync(Guid courseId, RequestContext rc)
    {
        var course = await CoursesApi.LoadAsync(rc.Db, courseId, rc.Ct);
        if (course is null) return (null, CoursesApi.CourseNotFound(rc));
        if (await rc.RefuseUnlessManagesAsync(course.CentreId) is { } refusal) return (null, refusal);
        if (course.Status == CourseStatus.Archived)
            return (null, Problems.Conflict(rc.Http, "Ce cours est archivé.", "هذه الدورة مؤرشفة.", "course-archived"));
        return (course, null);
    }

    /// <summary>A published course's outline is what enrollment orders lessons and counts progress by: it follows every change.</summary>
    private static async Task<Ok<CourseDetails>> SaveAsync(Course course, RequestContext rc)
    {
        if (course.Status == CourseStatus.Published) rc.Db.AddIntegrationEvent(new CourseOutlineChanged(course.Id, CourseOutline.Of(course)));
        await rc.Db.SaveChangesAsync(rc.Ct);
        return TypedResults.Ok(CourseDetails.From(course));
    }
}
