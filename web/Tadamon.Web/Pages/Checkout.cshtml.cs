using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages;

public sealed class CheckoutModel(Api api, Lang lang, Cart cart, ReferenceData reference) : WebPage(api, lang)
{
    [BindProperty] public string IdempotencyKey { get; set; } = "";
    [BindProperty] public string RecipientName { get; set; } = "";
    [BindProperty] public string Phone { get; set; } = "";
    [BindProperty] public string Region { get; set; } = "casablanca-settat";
    [BindProperty] public string City { get; set; } = "";
    [BindProperty] public string Street { get; set; } = "";

    public IReadOnlyList<(Product Product, int Quantity)> Lines { get; private set; } = [];
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        IdempotencyKey = $"web-{Guid.NewGuid():N}";
        RecipientName = User.NameOf() ?? "";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (IdempotencyKey is not { Length: >= 8 and <= 100 }) IdempotencyKey = $"web-{Guid.NewGuid():N}";
        Purchase? purchase = null;
        var placed = cart.Lines.Count > 0 && await TryAsync(async () => purchase = await Api.PostAsync<Purchase>(Services.Orders, "/checkout", new
        {
            lines = cart.Lines.Select(l => new { productId = l.Key, quantity = l.Value }),
            address = new { recipientName = RecipientName.Trim(), phone = Phone.Trim().Replace(" ", ""), region = Region, city = City.Trim(), street = Street.Trim() },
            paymentMethod = "cash-on-delivery",
        }, Ct, IdempotencyKey));
        if (!placed)
        {
            await LoadAsync(); // the same key stays in the form: correcting and resubmitting is still one purchase
            return Page();
        }
        cart.Clear();
        return LocalRedirect($"/orders/purchases/{purchase!.PurchaseId}");
    }

    private async Task LoadAsync()
    {
        Lines = await CartModel.LoadAsync(Api, cart, Ct);
        Regions = await reference.RegionsAsync(Ct);
    }
}
