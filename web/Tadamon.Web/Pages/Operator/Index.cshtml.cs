using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

public sealed class OperatorSpaceModel(Api api, Lang lang) : WebPage(api, lang)
{
    [BindProperty(SupportsGet = true)] public string? OrderStatus { get; set; }
    [BindProperty(SupportsGet = true)] public string? ShipmentStatus { get; set; }

    public Page<Backend.Cooperative> Applications { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<Order> Orders { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<Shipment> Shipments { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public Page<Shipment> Failed { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    // The new account form's scopes, a page of each at a time: the delegation may run more than one page holds.
    public Page<Backend.Cooperative> Cooperatives { get; private set; } = new([], 1, Paging.MaxPageSize, 0);
    public Page<Backend.Centre> Centres { get; private set; } = new([], 1, Paging.MaxPageSize, 0);
    public Page<PartnerAssociation> Associations { get; private set; } = new([], 1, Paging.MaxPageSize, 0);

    /// <summary>Each list pages on its own parameter, so paging one keeps the others and the filters where they were.</summary>
    public async Task OnGetAsync(int? applicationsPage, int? ordersPage, int? shipmentsPage, int? failedPage, int? cooperativesPage, int? centresPage)
    {
        var orderStatus = MarketCodes.OrderStatuses.Contains(OrderStatus) ? OrderStatus : null;
        var shipmentStatus = MarketCodes.ShipmentStatuses.Contains(ShipmentStatus) ? ShipmentStatus : null;
        KeyValuePair<string, string?> Size() => new("pageSize", ListSize.ToString(CultureInfo.InvariantCulture));
        static KeyValuePair<string, string?> PageOf(int? n) => new("page", ListPage(n).ToString(CultureInfo.InvariantCulture));
        var applications = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog, Query.Of("/cooperatives", [new("status", "Applied"), PageOf(applicationsPage), Size()]), Ct);
        var orders = Api.GetAsync<Page<Order>>(Services.Orders, Query.Of("/", [new("status", orderStatus), PageOf(ordersPage), Size()]), Ct);
        var shipments = Api.GetAsync<Page<Shipment>>(Services.Shipping, Query.Of("/shipments", [new("status", shipmentStatus), PageOf(shipmentsPage), Size()]), Ct);
        var failed = Api.GetAsync<Page<Shipment>>(Services.Shipping, Query.Of("/shipments", [new("status", "DeliveryFailed"), PageOf(failedPage), Size()]), Ct);
        // A choice list rather than a table: the largest page unless ?pageSize= asks otherwise.
        KeyValuePair<string, string?> Largest() => new("pageSize", (AskedPageSize is null ? Paging.MaxPageSize : ListSize).ToString(CultureInfo.InvariantCulture));
        var cooperatives = Api.GetAsync<Page<Backend.Cooperative>>(Services.Catalog,
            Query.Of("/cooperatives", [new("status", "Verified"), PageOf(cooperativesPage), Largest()]), Ct);
        var centres = Api.GetAsync<Page<Backend.Centre>>(Services.Courses, Query.Of("/centres", [PageOf(centresPage), Largest()]), Ct);
        (Applications, Orders, Shipments, Failed) = (await applications, await orders, await shipments, await failed);
        // The association accounts' scopes; the associations page lists and pages them in full.
        var associations = Api.GetAsync<Page<PartnerAssociation>>(Services.Courses, $"/associations?pageSize={Paging.MaxPageSize}", Ct);
        (Cooperatives, Centres, Associations) = (await cooperatives, await centres, await associations);
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
