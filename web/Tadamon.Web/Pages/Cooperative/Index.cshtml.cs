using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Cooperative;

public sealed class CooperativeSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Backend.Cooperative? Cooperative { get; private set; }
    public IReadOnlyList<StockedProduct> Products { get; private set; } = [];
    public IReadOnlyList<Order> ToPrepare { get; private set; } = [];
    public int DeliveredCount { get; private set; }
    public decimal CashCollected { get; private set; }

    public async Task OnGetAsync()
    {
        // Orders shows a manager only their cooperative's orders: the token's scope decides, not this page.
        var cooperative = User.ScopeOf() ?? Guid.Empty;
        Cooperative = await Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{cooperative}", Ct);
        Products = (await Api.GetAsync<Page<StockedProduct>>(Services.Catalog, $"/cooperatives/{cooperative}/products?pageSize=50", Ct)).Items;
        ToPrepare = (await Api.GetAsync<Page<Order>>(Services.Orders, "/?status=Confirmed&pageSize=50", Ct)).Items;
        var delivered = await Api.GetAsync<Page<Order>>(Services.Orders, "/?status=Delivered&pageSize=50", Ct);
        DeliveredCount = delivered.Total;
        // Cash is counted on the latest page of deliveries; older ones are in the operator's reports.
        CashCollected = delivered.Items.Sum(o => o.CashCollectedMad ?? 0);
    }

    public async Task<IActionResult> OnPostReadyAsync(Guid order)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Orders, $"/{order}/ready", null, Ct)))
            Done = L.T("الطلب جاهز، سيمر الناقل لاستلامه.", "Commande prête : le transporteur passera la prendre.");
        return BackTo("/cooperative");
    }
}
