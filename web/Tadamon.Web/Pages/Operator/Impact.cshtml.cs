using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages.Operator;

/// <summary>
/// The Tathmine programme's impact for operators: sales and delivered income per value chain, region and month,
/// members against non-members, and income before and after each support action. Settlement computes every number;
/// this page only filters, draws and links the same rows as CSV.
/// </summary>
public sealed class ImpactModel(Api api, Lang lang, ReferenceData reference) : WebPage(api, lang)
{
    [BindProperty(SupportsGet = true)] public string? ValueChain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    /// <summary>First and last month of the period, as the month inputs send them (yyyy-MM).</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? WindowDays { get; set; }

    public ImpactReport? Report { get; private set; }
    public IReadOnlyList<ValueChain> ValueChains { get; private set; } = [];
    public IReadOnlyList<Backend.Region> Regions { get; private set; } = [];
    public IReadOnlyDictionary<Guid, Backend.Cooperative> Cooperatives { get; private set; } = new Dictionary<Guid, Backend.Cooperative>();

    public string ChainName(string code) => ValueChains.FirstOrDefault(v => v.Code == code) is { } v ? L.T(v.NameAr, v.NameFr) : code.Length == 0 ? "—" : code;
    public string RegionName(string code) => Regions.FirstOrDefault(r => r.Code == code) is { } r ? L.T(r.NameAr, r.NameFr) : code.Length == 0 ? "—" : code;
    public string MonthName(DateOnly month) => month.ToString("MMM yyyy", L.Culture);

    /// <summary>The settlement query for the filters, empty ones left out; the CSV link asks the same.</summary>
    private string QueryFor(string path) => Query.Of(path,
    [
        new("valueChain", ValueChain), new("region", Region), new("from", MonthStart(From)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("to", MonthEnd(To)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("windowDays", WindowDays?.ToString(CultureInfo.InvariantCulture)),
    ]);

    public string CsvLink => Query.Of("/operator/impact", [new("handler", "Csv"), new("valueChain", ValueChain), new("region", Region), new("from", From), new("to", To)]);

    public async Task OnGetAsync()
    {
        var chains = Api.GetAsync<IReadOnlyList<ValueChain>>(Services.Catalog, "/value-chains", Ct);
        var regions = reference.RegionsAsync(Ct);
        (ValueChains, Regions) = (await chains, await regions);
        if (!await TryAsync(async () => Report = await Api.GetAsync<ImpactReport>(Services.Settlement, QueryFor("/impact"), Ct))) return;
        var named = await Task.WhenAll(Report!.SupportActions.Select(a => a.CooperativeId).Distinct()
            .Select(id => Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{id}", Ct)));
        Cooperatives = named.OfType<Backend.Cooperative>().ToDictionary(c => c.Id);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var (bytes, type) = await Api.DownloadAsync(Services.Settlement, QueryFor("/impact/csv"), Ct);
        return File(bytes, type, "impact-tathmine.csv");
    }

    /// <summary>Delivered income per month, members beside non-members.</summary>
    public string IncomeChart() => BarChart.Render("income-chart",
        L.T("الدخل المسلم حسب الشهر", "Revenu livré par mois"),
        L.T("أعمدة لكل شهر: دخل الأعضاء ودخل غير الأعضاء بالدرهم. الأرقام نفسها في الجدول أسفله.",
            "Barres par mois : revenu des membres et des non-membres, en MAD. Les mêmes chiffres sont dans le tableau ci-dessous."),
        [new(L.T("الأعضاء", "Membres"), "bar-member"), new(L.T("غير الأعضاء", "Non-membres"), "bar-other")],
        Report!.Rows.GroupBy(r => r.Month).OrderBy(g => g.Key)
            .Select(g => new BarChart.Group(MonthName(g.Key), [g.Where(r => r.Member).Sum(r => r.DeliveredIncomeMad), g.Where(r => !r.Member).Sum(r => r.DeliveredIncomeMad)]))
            .ToList(), L.IsArabic);

    /// <summary>Each support action's cooperative income in the window before and the window after.</summary>
    public string ActionsChart() => BarChart.Render("actions-chart",
        L.T("الدخل قبل إجراءات الدعم وبعدها", "Revenu avant et après les actions d'appui"),
        L.T($"لكل إجراء دعم: الدخل المسلم في {Report!.WindowDays} يوما قبله وفي {Report.WindowDays} يوما بعده. الأرقام نفسها في الجدول أسفله.",
            $"Pour chaque action d'appui : revenu livré dans les {Report!.WindowDays} jours avant et les {Report.WindowDays} jours après. Les mêmes chiffres sont dans le tableau ci-dessous."),
        [new(L.T("قبل", "Avant"), "bar-before"), new(L.T("بعد", "Après"), "bar-after")],
        Report.SupportActions.Select(a => new BarChart.Group(L.Date(a.On), [a.IncomeBeforeMad, a.IncomeAfterMad])).ToList(), L.IsArabic);

    private static DateOnly? MonthStart(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateOnly? MonthEnd(string? month) => MonthStart(month)?.AddMonths(1).AddDays(-1);
}
