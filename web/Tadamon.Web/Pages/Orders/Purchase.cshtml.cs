using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Orders;

public sealed class PurchaseModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Purchase Purchase { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Purchase>(Services.Orders, $"/purchases/{id}", Ct) is not { } purchase) return NotFound();
        Purchase = purchase;
        return Page();
    }
}
