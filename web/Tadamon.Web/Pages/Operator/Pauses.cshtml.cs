using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

/// <summary>
/// Pausing centres' in-person activity: choose the centres (a commune, a type, or all), give the reason and dates,
/// see what it would do, confirm; later resume. The confirmation carries an idempotency key made at preview time,
/// so a double click makes one pause.
/// </summary>
public sealed class PausesModel(Api api, Lang lang) : WebPage(api, lang)
{
    public static readonly string[] CentreTypes = ["VocationalTraining", "EducationAndTraining", "SpecialEducation", "Kindergarten", "Literacy"];

    public Page<CentrePause> Pauses { get; private set; } = new([], 1, Paging.MaxPageSize, 0);
    public IReadOnlyList<string> Communes { get; private set; } = [];
    public PausePreview? Preview { get; private set; }
    public string? Key { get; private set; }

    [BindProperty] public string Scope { get; set; } = "Commune";
    [BindProperty] public string? Commune { get; set; }
    [BindProperty] public string? CentreType { get; set; }
    [BindProperty] public string ReasonAr { get; set; } = "";
    [BindProperty] public string ReasonFr { get; set; } = "";
    [BindProperty] public string From { get; set; } = "";
    [BindProperty] public string? Until { get; set; }

    public async Task OnGetAsync(int? page)
    {
        From = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(page);
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (await TryAsync(async () => Preview = await Api.PostAsync<PausePreview>(Services.Courses, "/centre-pauses/preview", Body(), Ct)))
            Key = Guid.NewGuid().ToString();
        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string key)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, "/centre-pauses", Body(), Ct, idempotencyKey: key)))
            Done = L.T("علقت الأنشطة الحضورية وأخبر المستفيدون المعنيون.", "Activités en présentiel suspendues ; les bénéficiaires concernés sont prévenus.");
        return BackTo("/operator/pauses");
    }

    public async Task<IActionResult> OnPostResumeAsync(Guid pause)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Courses, $"/centre-pauses/{pause}/resume", null, Ct)))
            Done = L.T("استؤنفت الأنشطة الحضورية.", "Activités en présentiel reprises.");
        return BackTo("/operator/pauses");
    }

    public string ScopeText(CentrePause p) => p.Scope switch
    {
        "Commune" => L.T($"جماعة {p.Commune}", $"Commune de {p.Commune}"),
        "CentreType" => L.W(p.CentreType),
        _ => L.T("جميع المراكز", "Tous les centres"),
    };

    private object Body() => new
    {
        scope = Scope, commune = Scope == "Commune" ? Commune : null, centreType = Scope == "CentreType" ? CentreType : null,
        reasonAr = ReasonAr, reasonFr = ReasonFr, from = Day(From), until = Day(Until),
    };

    private static string? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private async Task LoadAsync(int? page)
    {
        var size = ListSize.ToString(CultureInfo.InvariantCulture);
        var pauses = Api.GetAsync<Page<CentrePause>>(Services.Courses,
            Query.Of("/centre-pauses", [new("page", ListPage(page).ToString(CultureInfo.InvariantCulture)), new("pageSize", size)]), Ct);
        var centres = Api.GetAsync<Page<Backend.Centre>>(Services.Courses, $"/centres?pageSize={Paging.MaxPageSize}", Ct);
        Pauses = await pauses;
        Communes = (await centres).Items.Select(c => c.Commune).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
