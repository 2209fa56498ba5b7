using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Orders;

public sealed class OrderDetailsModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Order Order { get; private set; } = null!;
    public Tracking? Tracking { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Order>(Services.Orders, $"/{id}", Ct) is not { } order) return NotFound();
        Order = order;
        if (order.TrackingNumber is { } number)
            Tracking = await Api.FindAsync<Tracking>(Services.Shipping, $"/tracking/{Uri.EscapeDataString(number)}", Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Orders, $"/{id}/cancel", new { }, Ct)))
            Done = L.T("تم إلغاء الطلب.", "Commande annulée.");
        return BackTo($"/orders/{id}");
    }
}
