using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

public sealed class EnrollmentModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Enrollment Enrollment { get; private set; } = null!;
    public LearningProgress Progress { get; private set; } = null!;
    public IReadOnlyList<LessonEntry> Lessons { get; private set; } = [];
    public IReadOnlyList<LiveClass> LiveClasses { get; private set; } = [];
    private Backend.Course? _course;

    public string? ModuleTitle(Guid module) =>
        _course?.Modules.FirstOrDefault(m => m.Id == module) is { } m ? L.T(m.TitleAr, m.TitleFr) : null;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Enrollment>(Services.Enrollment, $"/enrollments/{id}", Ct) is not { } enrollment) return NotFound();
        Enrollment = enrollment;
        var progress = Api.GetAsync<LearningProgress>(Services.Enrollment, $"/enrollments/{id}/progress", Ct);
        var lessons = Api.GetAsync<LessonEntry[]>(Services.Enrollment, $"/enrollments/{id}/lessons", Ct);
        var course = Api.FindAsync<Backend.Course>(Services.Courses, $"/courses/{enrollment.CourseId}", Ct);
        var live = Api.GetAsync<LiveClass[]>(Services.Courses, $"/courses/{enrollment.CourseId}/live-classes", Ct);
        (Progress, Lessons, _course, LiveClasses) = (await progress, await lessons, await course, await live);
        return Page();
    }

    /// <summary>Joining records attendance, then sends the person on to the meeting.</summary>
    public async Task<IActionResult> OnPostJoinAsync(Guid id, Guid liveClass)
    {
        JoinedLiveClass? joined = null;
        if (await TryAsync(async () => joined = await Api.PostAsync<JoinedLiveClass>(Services.Enrollment, $"/enrollments/{id}/live-classes/{liveClass}/join", null, Ct))
            && Uri.TryCreate(joined!.JoinUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            return Redirect(url.ToString());
        return BackTo($"/learn/me/enrollments/{id}");
    }
}
