using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Centre;

/// <summary>The lesson editor's fields: an id prefix for this form, and the lesson being edited (null when adding).</summary>
public sealed record LessonFields(string Prefix, Backend.Lesson? Lesson);

/// <summary>A centre manager's course: outline editor, live classes, waiting list, progress and attendance, CSV exports.</summary>
public sealed class CentreCourseModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Backend.Course Course { get; private set; } = null!;
    public IReadOnlyList<LiveClass> LiveClasses { get; private set; } = [];
    public IReadOnlyList<Enrollment> WaitingList { get; private set; } = [];
    public IReadOnlyList<BeneficiaryProgress> Progress { get; private set; } = [];
    public IReadOnlyList<LiveClassAttendance> Attendance { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Backend.Course>(Services.Courses, $"/courses/{id}", Ct) is not { } course) return NotFound();
        Course = course;
        var live = Api.GetAsync<LiveClass[]>(Services.Courses, $"/courses/{id}/live-classes", Ct);
        // Enrollment knows a course once it is published (from courses' event): a draft has no seats yet.
        var waiting = Api.FindAsync<Enrollment[]>(Services.Enrollment, $"/courses/{id}/waiting-list", Ct);
        var progress = Api.FindAsync<BeneficiaryProgress[]>(Services.Enrollment, $"/courses/{id}/progress", Ct);
        var attendance = Api.FindAsync<LiveClassAttendance[]>(Services.Enrollment, $"/courses/{id}/attendance", Ct);
        LiveClasses = await live;
        (WaitingList, Progress, Attendance) = (await waiting ?? [], await progress ?? [], await attendance ?? []);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, $"/courses/{id}/publish", null, Ct)))
            Done = L.T("نشرت الدورة: التسجيل القبلي مفتوح.", "Cours publié : les pré-inscriptions sont ouvertes.");
        return BackHere();
    }

    public async Task<IActionResult> OnPostCapacityAsync(Guid id, int capacity)
    {
        if (await TryAsync(() => Api.PutAsync<Unit>(Services.Courses, $"/courses/{id}/capacity", new { capacity }, Ct)))
            Done = L.T("تم تغيير عدد المقاعد.", "Nombre de places modifié.");
        return BackHere();
    }

    public async Task<IActionResult> OnPostModuleAsync(Guid id, string titleAr, string titleFr)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, $"/courses/{id}/modules", new { titleAr, titleFr }, Ct)))
            Done = L.T("أضيفت الوحدة.", "Module ajouté.");
        return BackHere();
    }

    /// <summary>What the lesson editor's fields post; blank links travel as null, which the service reads as "none".</summary>
    public sealed record LessonForm(string TitleAr, string TitleFr, string ContentAr, string ContentFr, string? MediaUrl,
        string? DocumentUrl, string? CaptionsUrl, string? CaptionsLanguage, int Minutes, bool Required, bool IsPreview = false)
    {
        public object Body() => new
        {
            titleAr = TitleAr, titleFr = TitleFr, contentAr = ContentAr, contentFr = ContentFr, mediaUrl = Link(MediaUrl),
            documentUrl = Link(DocumentUrl), captionsUrl = Link(CaptionsUrl), captionsLanguage = Link(CaptionsUrl) is null ? null : CaptionsLanguage,
            estimatedMinutes = Minutes, required = Required, isPreview = IsPreview,
        };

        private static string? Link(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.Trim();
    }

    public async Task<IActionResult> OnPostLessonAsync(Guid id, Guid module, LessonForm form)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, $"/courses/{id}/modules/{module}/lessons", form.Body(), Ct)))
            Done = L.T("أضيف الدرس.", "Leçon ajoutée.");
        return BackTo($"/learn/centre/courses/{id}");
    }

    public async Task<IActionResult> OnPostEditLessonAsync(Guid id, Guid module, Guid lesson, LessonForm form)
    {
        if (await TryAsync(() => Api.PutAsync<Unit>(Services.Courses, $"/courses/{id}/modules/{module}/lessons/{lesson}", form.Body(), Ct)))
            Done = L.T("حفظت تعديلات الدرس.", "Leçon modifiée.");
        return BackTo($"/learn/centre/courses/{id}");
    }

    public async Task<IActionResult> OnPostLiveAsync(Guid id, string titleAr, string titleFr, DateTime startsAt, int duration, string teacher, string joinUrl, int liveCapacity)
    {
        // The form's time is Morocco's wall clock.
        var local = DateTime.SpecifyKind(startsAt, DateTimeKind.Unspecified);
        var at = new DateTimeOffset(local, Lang.Local(new DateTimeOffset(local, TimeSpan.Zero)).Offset);
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, $"/courses/{id}/live-classes", new
            {
                titleAr, titleFr, startsAt = at, durationMinutes = duration, teacher, joinUrl, capacity = liveCapacity,
            }, Ct)))
            Done = L.T("تمت برمجة القسم المباشر.", "Classe en direct programmée.");
        return BackHere();
    }

    /// <summary>The CSV exports, fetched with the manager's token and handed to the browser as a download.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string kind)
    {
        var path = kind switch { "progress" => "progress.csv", "pre-registrations" => "pre-registrations.csv", _ => null };
        if (path is null) return NotFound();
        var (bytes, type) = await Api.DownloadAsync(Services.Enrollment, $"/courses/{id}/{path}", Ct);
        return File(bytes, type, $"{kind}-{id}.csv");
    }
}
