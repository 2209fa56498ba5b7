using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

public sealed class BeneficiarySpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public IReadOnlyList<Enrollment> Enrollments { get; private set; } = [];
    public IReadOnlyList<PreRegistration> PreRegistrations { get; private set; } = [];
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    /// <summary>Open pauses of the centres the beneficiary applied to.</summary>
    public IReadOnlyList<PauseBanner> Pauses { get; private set; } = [];
    public IReadOnlyDictionary<Guid, LearningProgress> Progress { get; private set; } = new Dictionary<Guid, LearningProgress>();
    private Dictionary<Guid, CourseSummary> _courses = [];

    public string TitleOf(Guid? course) =>
        course is { } id && _courses.TryGetValue(id, out var c) ? L.T(c.TitleAr, c.TitleFr) : L.T("توجيه إلى مركز", "Orientation vers un centre");

    public async Task OnGetAsync()
    {
        var enrollments = Api.GetAsync<Enrollment[]>(Services.Enrollment, "/me/enrollments", Ct);
        var pre = Api.GetAsync<PreRegistration[]>(Services.Enrollment, "/me/pre-registrations", Ct);
        var notifications = Api.GetAsync<Page<Notification>>(Services.Enrollment, "/me/notifications?pageSize=10", Ct);
        var courses = Api.GetAsync<Page<CourseSummary>>(Services.Courses, "/courses?pageSize=100", Ct);
        var pauses = Api.GetAsync<PauseBanner[]>(Services.Enrollment, "/me/centre-pauses", Ct);
        Enrollments = await enrollments;
        PreRegistrations = await pre;
        Notifications = (await notifications).Items;
        Pauses = await pauses;
        _courses = (await courses).Items.ToDictionary(c => c.Id);
        var learning = Enrollments.Where(e => e.Status is "Seated" or "Completed").ToList();
        var progress = await Task.WhenAll(learning.Select(e => Api.GetAsync<LearningProgress>(Services.Enrollment, $"/enrollments/{e.Id}/progress", Ct)));
        Progress = progress.ToDictionary(p => p.EnrollmentId);
    }

    /// <summary>Answering the centre's question puts the pre-registration back among those it reviews.</summary>
    public async Task<IActionResult> OnPostReplyAsync(Guid pre, string message)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Enrollment, $"/pre-registrations/{pre}/reply", new { message }, Ct)))
            Done = L.T("أرسل جوابك: يدرس المركز تسجيلك القبلي من جديد.", "Réponse envoyée : le centre étudie à nouveau votre pré-inscription.");
        return BackTo("/learn/me");
    }
}
