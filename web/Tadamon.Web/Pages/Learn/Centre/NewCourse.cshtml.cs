using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Learn;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Centre;

public sealed class NewCourseModel(Api api, Lang lang, TimeProvider clock) : WebPage(api, lang)
{
    [BindProperty] public Guid SeasonId { get; set; }
    [BindProperty] public string TitleAr { get; set; } = "";
    [BindProperty] public string TitleFr { get; set; } = "";
    [BindProperty] public string DescriptionAr { get; set; } = "";
    [BindProperty] public string DescriptionFr { get; set; } = "";
    [BindProperty] public int MinAge { get; set; } = 15;
    [BindProperty] public int MaxAge { get; set; } = 60;
    [BindProperty] public int Capacity { get; set; } = 20;
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public string[] Needs { get; set; } = [];
    [BindProperty] public string ScheduleAr { get; set; } = "";
    [BindProperty] public string ScheduleFr { get; set; } = "";
    [BindProperty] public DateOnly StartsOn { get; set; }
    [BindProperty] public DateOnly EndsOn { get; set; }
    public IReadOnlyList<Season> Seasons { get; private set; } = [];
    /// <summary>The centre an association's manager drafts the course in (a centre manager's is their own).</summary>
    [BindProperty(SupportsGet = true, Name = ManagedCentres.QueryName)] public Guid? AskedCentre { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ManagedCentres.ResolveAsync(User, AskedCentre, Api, Ct) is null) return LocalRedirect("/learn/association");
        var today = clock.Today();
        (StartsOn, EndsOn) = (today.AddDays(14), today.AddDays(104));
        Seasons = await Api.GetAsync<Season[]>(Services.Courses, "/seasons", Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ManagedCentres.ResolveAsync(User, AskedCentre, Api, Ct) is not { } centre) return LocalRedirect("/learn/association");
        var needs = Needs.Where(LearnCodes.Needs.Contains).ToList();
        Backend.Course? created = null;
        var ok = await TryAsync(async () => created = await Api.PostAsync<Backend.Course>(Services.Courses, "/courses", new
        {
            centreId = centre, seasonId = SeasonId, titleAr = TitleAr, titleFr = TitleFr, descriptionAr = DescriptionAr, descriptionFr = DescriptionFr,
            minAge = MinAge, maxAge = MaxAge, accessibilityServed = needs.Count == 0 ? "None" : string.Join(", ", needs), capacity = Capacity,
            mode = LearnCodes.Modes.Contains(Mode) ? Mode : null, scheduleAr = ScheduleAr, scheduleFr = ScheduleFr, startsOn = StartsOn, endsOn = EndsOn,
        }, Ct));
        if (!ok)
        {
            Seasons = await Api.GetAsync<Season[]>(Services.Courses, "/seasons", Ct);
            return Page();
        }
        Done = L.T("تم حفظ الدورة كمسودة. أضف الوحدات والدروس ثم انشرها.", "Cours enregistré en brouillon. Ajoutez modules et leçons, puis publiez-le.");
        return LocalRedirect($"/learn/centre/courses/{created!.Id}");
    }
}
