using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Learn;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Centre;

public sealed class CentreSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public sealed record DecisionCounts(int Submitted, int InformationRequested, int Approved, int Rejected);

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "Submitted";
    /// <summary>The centre an association's manager picked in their space; a centre manager's is their own.</summary>
    [BindProperty(SupportsGet = true, Name = ManagedCentres.QueryName)] public Guid? AskedCentre { get; set; }
    public Guid CentreId { get; private set; }

    public Backend.Centre? Centre { get; private set; }
    public PauseBanner? Pause { get; private set; }
    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];
    public Page<PreRegistration> ToReview { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public DecisionCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public string TitleOf(Guid? course) => Courses.FirstOrDefault(c => c.Id == course) is { } c
        ? L.T(c.TitleAr, c.TitleFr) : L.T("توجيه إلى المركز", "Orientation vers le centre");

    // "page" is also Razor Pages' own route value (the page's path): only the query string's is the list's page.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page)
    {
        if (await ManagedCentres.ResolveAsync(User, AskedCentre, Api, Ct) is not { } centre)
            return User.IsA(Roles.AssociationManager) ? LocalRedirect("/learn/association") : NotFound();
        CentreId = centre;
        var status = LearnCodes.PreRegistrationStatuses.Contains(Status) ? Status : "Submitted";
        Task<Page<PreRegistration>> List(string s, int size, int number = 1) =>
            Api.GetAsync<Page<PreRegistration>>(Services.Enrollment, $"/pre-registrations?centreId={centre}&status={s}&page={number}&pageSize={size}", Ct);
        var info = Api.FindAsync<Backend.Centre>(Services.Courses, $"/centres/{centre}", Ct);
        // The centre's own courses, drafts included; seat counts follow enrollment's events.
        var courses = Api.GetAsync<Page<CourseSummary>>(Services.Courses, $"/courses?centreId={centre}&pageSize=100", Ct);
        var review = List(status, ListSize, ListPage(page));
        var pause = Api.FindAsync<PauseBanner>(Services.Courses, $"/centres/{centre}/pause", Ct);
        var submitted = List("Submitted", 1);
        var asked = List("InformationRequested", 1);
        var approved = List("Approved", 1);
        var rejected = List("Rejected", 1);
        (Centre, Courses, ToReview, Pause) = (await info, (await courses).Items, await review, await pause);
        Counts = new((await submitted).Total, (await asked).Total, (await approved).Total, (await rejected).Total);
        Status = status;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid pre)
    {
        Enrollment? placed = null;
        if (await TryAsync(async () => placed = await Api.PostAsync<Enrollment>(Services.Enrollment, $"/pre-registrations/{pre}/approve", new { }, Ct)))
        {
            Done = placed!.Status == "Waiting"
                ? L.T($"تم القبول: {placed.BeneficiaryName} في لائحة الانتظار، الرقم {placed.WaitingNumber}.", $"Acceptée : {placed.BeneficiaryName} est sur la liste d'attente, n° {placed.WaitingNumber}.")
                : L.T($"تم القبول: {placed.BeneficiaryName} له مقعد.", $"Acceptée : {placed.BeneficiaryName} a une place.");
        }
        return BackHere();
    }

    /// <summary>The pre-registration waits for the person's answer; they see the question in their space.</summary>
    public async Task<IActionResult> OnPostRequestInformationAsync(Guid pre, string message)
    {
        PreRegistration? asked = null;
        if (await TryAsync(async () => asked = await Api.PostAsync<PreRegistration>(Services.Enrollment, $"/pre-registrations/{pre}/request-information", new { message }, Ct)))
            Done = L.T($"أرسل السؤال إلى {asked!.FullName}؛ ينتظر التسجيل القبلي جوابه (\"معلومات مطلوبة\").",
                $"Question envoyée à {asked!.FullName} ; la pré-inscription attend sa réponse (« Information demandée »).");
        return BackHere();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid pre, string reason)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Enrollment, $"/pre-registrations/{pre}/reject", new { reason }, Ct)))
            Done = L.T("تم الرفض وإخبار المعني.", "Refus enregistré ; la personne est informée.");
        return BackHere();
    }
}
