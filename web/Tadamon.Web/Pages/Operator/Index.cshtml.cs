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
    public IReadOnlyList<Backend.Cooperative> Cooperatives { get; private set; } = [];
    public IReadOnlyList<Backend.Centre> Centres { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var orderStatus = MarketCodes.OrderStatuses.Contains(OrderStatus) ? OrderStatus : null;
        var shipmentStatus = MarketCodes.ShipmentStatuses.Contains(ShipmentStatus) ? ShipmentStatus : null;
        var applications = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog, "/cooperatives?status=Applied&pageSize=50", Ct);
        var orders = Api.GetAsync<Page<Order>>(Services.Orders, Query.Of("/", [new("status", orderStatus), new("pageSize", "20")]), Ct);
        var shipments = Api.GetAsync<Page<Shipment>>(Services.Shipping, Query.Of("/shipments", [new("status", shipmentStatus), new("pageSize", "20")]), Ct);
        var failed = Api.GetAsync<Page<Shipment>>(Services.Shipping, "/shipments?status=DeliveryFailed&pageSize=20", Ct);
        var cooperatives = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog, "/cooperatives?status=Verified&pageSize=50", Ct);
        var centres = Api.GetAsync<Page<Backend.Centre>>(Services.Courses, "/centres?pageSize=100", Ct);
        (Applications, Orders, Shipments, Failed) = ((await applications).Items, await orders, await shipments, await failed);
        (Cooperatives, Centres) = ((await cooperatives).Items, (await centres).Items);
    }

    /// <summary>Managers and operators are never self-registered: an operator opens their account, scoped to what they run.</summary>
    public async Task<IActionResult> OnPostAccountAsync(string displayName, string email, string password, string role, Guid? scopeId)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Identity, "/accounts", new { displayName, email, password, role, scopeId }, Ct)))
            Done = L.T($"أنشئ حساب {displayName}.", $"Compte de {displayName} créé.");
        return BackTo("/operator");
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid cooperative)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/cooperatives/{cooperative}/verify", null, Ct)))
            Done = L.T("تم التحقق من التعاونية، يمكنها البيع الآن.", "Coopérative vérifiée : elle peut vendre.");
        return BackTo("/operator");
    }
}
