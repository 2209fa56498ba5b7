using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

/// <summary>The cooperatives' money for operators: cash the courier holds, discrepancies to settle, payout batches, weekly figures.</summary>
public sealed class SettlementSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public CashHeld Held { get; private set; } = new(0m, 0, []);
    public Page<Backend.Discrepancy> Discrepancies { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<PayoutBatch> Batches { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<WeekFigures> Weeks { get; private set; } = [];
    public IReadOnlyDictionary<Guid, Backend.Cooperative> Cooperatives { get; private set; } = new Dictionary<Guid, Backend.Cooperative>();
    /// <summary>The period the payout form proposes: the week that ended last Sunday.</summary>
    public DateOnly LastSunday { get; private set; }

    public async Task OnGetAsync(int? heldPage, int? discrepanciesPage, int? batchesPage)
    {
        var size = ListSize.ToString(CultureInfo.InvariantCulture);
        var held = Api.GetAsync<CashHeld>(Services.Settlement, $"/courier/cash-held?page={ListPage(heldPage)}&pageSize={size}", Ct);
        var discrepancies = Api.GetAsync<Page<Backend.Discrepancy>>(Services.Settlement, $"/discrepancies?page={ListPage(discrepanciesPage)}&pageSize={size}", Ct);
        var batches = Api.GetAsync<Page<PayoutBatch>>(Services.Settlement, $"/payouts/batches?page={ListPage(batchesPage)}&pageSize={size}", Ct);
        var weeks = Api.GetAsync<IReadOnlyList<WeekFigures>>(Services.Settlement, "/reports/weekly", Ct);
        (Held, Discrepancies, Batches, Weeks) = (await held, await discrepancies, await batches, await weeks);
        // A payout names its cooperative: an operator pays people, not ids.
        var named = await Task.WhenAll(Batches.Items.SelectMany(b => b.Payouts).Select(p => p.CooperativeId).Distinct()
            .Select(id => Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{id}", Ct)));
        Cooperatives = named.OfType<Backend.Cooperative>().ToDictionary(c => c.Id);
        var today = MoroccoTime.DateOf(DateTimeOffset.UtcNow);
        LastSunday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 1);
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid discrepancy, string action, string? transferReference, string? note)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Settlement, $"/discrepancies/{discrepancy}/resolve", new { action, transferReference, note }, Ct)))
            Done = L.T("أغلق الفرق.", "Écart clos.");
        return BackTo("/operator/settlement");
    }

    public async Task<IActionResult> OnPostBatchAsync(DateOnly periodEnd)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Settlement, "/payouts/batches", new { periodEnd }, Ct)))
            Done = L.T("أعدت دفعة الأداءات.", "Lot de versements préparé.");
        return BackTo("/operator/settlement");
    }

    public async Task<IActionResult> OnPostPaidAsync(Guid payout, string transferReference)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Settlement, $"/payouts/{payout}/paid", new { transferReference }, Ct)))
            Done = L.T("سجل التحويل.", "Virement enregistré.");
        return BackTo("/operator/settlement");
    }
}
