using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

public sealed class OperatorSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    [BindProperty(SupportsGet = true)] public string? OrderStatus { get; set; }
    [BindProperty(SupportsGet = true)] public string? ShipmentStatus { get; set; }

    public IReadOnlyList<Backend.Cooperative> Applications { get; private set; } = [];
    public Page<Order> Orders { get; private set; } = new([], 1, 20, 0);
    public Page<Shipment> Shipments { get; private set; } = new([], 1, 20, 0);
    public Page<Shipment> Failed { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        var orderStatus = MarketCodes.OrderStatuses.Contains(OrderStatus) ? OrderStatus : null;
        var shipmentStatus = MarketCodes.ShipmentStatuses.Contains(ShipmentStatus) ? ShipmentStatus : null;
        var applications = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog, "/cooperatives?status=Applied&pageSize=50", Ct);
        var orders = Api.GetAsync<Page<Order>>(Services.Orders, Query.Of("/", [new("status", orderStatus), new("pageSize", "20")]), Ct);
        var shipments = Api.GetAsync<Page<Shipment>>(Services.Shipping, Query.Of("/shipments", [new("status", shipmentStatus), new("pageSize", "20")]), Ct);
        var failed = Api.GetAsync<Page<Shipment>>(Services.Shipping, "/shipments?status=DeliveryFailed&pageSize=20", Ct);
        (Applications, Orders, Shipments, Failed) = ((await applications).Items, await orders, await shipments, await failed);
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid cooperative)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/cooperatives/{cooperative}/verify", null, Ct)))
            Done = L.T("تم التحقق من التعاونية، يمكنها البيع الآن.", "Coopérative vérifiée : elle peut vendre.");
        return BackTo("/operator");
    }
}
