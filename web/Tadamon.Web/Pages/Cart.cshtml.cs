using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages;

public sealed class CartModel(Api api, Lang lang, Cart cart) : WebPage(api, lang)
{
    public IReadOnlyList<(Product Product, int Quantity)> Lines { get; private set; } = [];
    public decimal Total => Lines.Sum(l => l.Product.PriceMad * l.Quantity);

    public async Task OnGetAsync() => Lines = await LoadAsync(Api, cart, Ct);

    /// <summary>The basket's products as the market shows them now; ones no longer on sale drop out.</summary>
    public static async Task<IReadOnlyList<(Product, int)>> LoadAsync(Api api, Cart cart, CancellationToken ct)
    {
        var found = await Task.WhenAll(cart.Lines.Select(async l => (Product: await api.FindAsync<Product>(Services.Catalog, $"/products/{l.Key}", ct), l.Value)));
        return found.Where(f => f.Product is { Status: "Published" }).Select(f => (f.Product!, f.Value)).ToList();
    }

    public IActionResult OnPostSet(Guid product, int quantity)
    {
        cart.Set(product, quantity);
        return LocalRedirect("/cart");
    }
}
