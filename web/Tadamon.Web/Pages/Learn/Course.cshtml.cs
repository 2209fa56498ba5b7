using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn;

public sealed class CourseModel(Api api, Lang lang, TimeProvider clock) : WebPage(api, lang)
{
    public Backend.Course Course { get; private set; } = null!;
    public Backend.Centre? Centre { get; private set; }
    public Seats? Seats { get; private set; }
    public IReadOnlyList<LiveClass> Upcoming { get; private set; } = [];
    /// <summary>The open pause of the course's centre, shown as a banner (pre-registration stays open).</summary>
    public PauseBanner? Pause { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Backend.Course>(Services.Courses, $"/courses/{id}", Ct) is not { } course) return NotFound();
        Course = course;
        var centre = Api.FindAsync<Backend.Centre>(Services.Courses, $"/centres/{course.CentreId}", Ct);
        var seats = Api.FindAsync<Seats>(Services.Enrollment, $"/courses/{id}/seats", Ct);
        var live = Api.GetAsync<LiveClass[]>(Services.Courses, $"/courses/{id}/live-classes", Ct);
        var pause = Api.FindAsync<PauseBanner>(Services.Courses, $"/centres/{course.CentreId}/pause", Ct);
        (Centre, Seats, Pause) = (await centre, await seats, await pause);
        var now = clock.GetUtcNow();
        Upcoming = (await live).Where(l => l.Status == "Scheduled" && l.StartsAt.AddMinutes(l.DurationMinutes) > now).ToList();
        return Page();
    }
}
