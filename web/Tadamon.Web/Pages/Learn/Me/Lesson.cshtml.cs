using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

public sealed class LessonModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Guid EnrollmentId { get; private set; }
    public Lesson Lesson { get; private set; } = null!;
    public string State { get; private set; } = "Locked";
    public LessonEntry? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid lessonId)
    {
        EnrollmentId = id;
        if (await Api.FindAsync<Enrollment>(Services.Enrollment, $"/enrollments/{id}", Ct) is not { } enrollment) return NotFound();
        var lessonsCall = Api.GetAsync<LessonEntry[]>(Services.Enrollment, $"/enrollments/{id}/lessons", Ct);
        var courseCall = Api.FindAsync<Backend.Course>(Services.Courses, $"/courses/{enrollment.CourseId}", Ct);
        var (lessons, course) = (await lessonsCall, await courseCall);
        var entry = Array.FindIndex(lessons, l => l.LessonId == lessonId);
        var lesson = course?.Modules.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == lessonId);
        // A locked lesson stays closed, as in the service: lessons are followed in order.
        if (entry < 0 || lesson is null || lessons[entry].State == "Locked") return NotFound();
        (Lesson, State, Next) = (lesson, lessons[entry].State, lessons.ElementAtOrDefault(entry + 1));
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, Guid lessonId)
    {
        if (!await TryAsync(() => Api.PostAsync<Unit>(Services.Enrollment, $"/enrollments/{id}/lessons/{lessonId}/complete", null, Ct)))
            return BackTo($"/learn/me/enrollments/{id}/lessons/{lessonId}");
        Done = L.T("أحسنت! تم تسجيل الدرس كمنجز.", "Bravo ! Leçon enregistrée comme terminée.");
        return BackTo($"/learn/me/enrollments/{id}");
    }
}
