using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Cooperative;

public sealed class CooperativeSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Backend.Cooperative? Cooperative { get; private set; }
    public Page<StockedProduct> Products { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<Order> ToPrepare { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public int DeliveredCount { get; private set; }
    public decimal CashCollected { get; private set; }
    /// <summary>What the agency owes the cooperative, and its payouts (settlement); null while settlement does not answer.</summary>
    public CooperativeBalance? Balance { get; private set; }
    public Page<Backend.Payout> Payouts { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(int? productsPage, int? ordersPage, int? payoutsPage)
    {
        // Orders shows a manager only their cooperative's orders: the token's scope decides, not this page.
        var cooperative = User.ScopeOf() ?? Guid.Empty;
        var size = ListSize;
        var info = Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{cooperative}", Ct);
        var products = Api.GetAsync<Page<StockedProduct>>(Services.Catalog, $"/cooperatives/{cooperative}/products?page={ListPage(productsPage)}&pageSize={size}", Ct);
        var toPrepare = Api.GetAsync<Page<Order>>(Services.Orders, $"/?status=Confirmed&page={ListPage(ordersPage)}&pageSize={size}", Ct);
        var delivered = Api.GetAsync<Page<Order>>(Services.Orders, "/?status=Delivered&pageSize=50", Ct);
        var balance = Api.FindAsync<CooperativeBalance>(Services.Settlement, $"/cooperatives/{cooperative}/balance", Ct);
        var payouts = Api.GetAsync<Page<Backend.Payout>>(Services.Settlement, $"/payouts?page={ListPage(payoutsPage)}&pageSize={size}", Ct);
        Page<Order> latestDeliveries;
        (Cooperative, Products, ToPrepare, latestDeliveries) = (await info, await products, await toPrepare, await delivered);
        (Balance, Payouts) = (await balance, await payouts);
        DeliveredCount = latestDeliveries.Total;
        // Cash is counted on the latest page of deliveries; older ones are in the operator's reports.
        CashCollected = latestDeliveries.Items.Sum(o => o.CashCollectedMad ?? 0);
    }

    public async Task<IActionResult> OnPostReadyAsync(Guid order)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Orders, $"/{order}/ready", null, Ct)))
            Done = L.T("الطلب جاهز، سيمر الناقل لاستلامه.", "Commande prête : le transporteur passera la prendre.");
        return BackTo("/cooperative");
    }
}
