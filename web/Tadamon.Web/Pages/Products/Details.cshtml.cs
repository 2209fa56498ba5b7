using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages.Products;

public sealed class ProductDetailsModel(Api api, Lang lang, ReferenceData reference, Cart cart, TrainedBadges badges) : WebPage(api, lang)
{
    public Product Product { get; private set; } = null!;
    public Backend.Cooperative? Cooperative { get; private set; }
    public string RegionName { get; private set; } = "";
    public TrainedBadge? Trained { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Product>(Services.Catalog, $"/products/{id}", Ct) is not { } product) return NotFound();
        Product = product;
        Cooperative = await Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{product.CooperativeId}", Ct);
        if (Cooperative is not null && await reference.RegionAsync(Cooperative.Region, Ct) is { } region)
            RegionName = L.T(region.NameAr, region.NameFr);
        if (Cooperative is not null) Trained = await badges.ForAsync(Cooperative.Id, Ct);
        return Page();
    }

    public IActionResult OnPostAdd(Guid id, int quantity)
    {
        cart.Add(id, Math.Clamp(quantity, 1, Cart.MaxQuantity));
        Done = L.T("أضيف المنتج إلى السلة.", "Produit ajouté au panier.");
        return LocalRedirect("/cart");
    }
}
