using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Cooperative;

/// <summary>One form for a new product (<c>/cooperative/products/new</c>) and for changing an existing one.</summary>
public sealed class ProductEditorModel(Api api, Lang lang) : WebPage(api, lang)
{
    [BindProperty] public string NameAr { get; set; } = "";
    [BindProperty] public string NameFr { get; set; } = "";
    [BindProperty] public string? DescriptionAr { get; set; }
    [BindProperty] public string? DescriptionFr { get; set; }
    [BindProperty] public string Category { get; set; } = "argan-oil";
    [BindProperty] public string Unit { get; set; } = "litre";
    [BindProperty] public decimal PriceMad { get; set; } = 100;
    [BindProperty] public string? PhotoUrl { get; set; }
    [BindProperty] public int Stock { get; set; } = 10;
    [BindProperty] public bool PublishNow { get; set; }
    public string Status { get; private set; } = "Draft";
    /// <summary>The product's uploaded photos in order, the cover first.</summary>
    public ProductPhoto[] Photos { get; private set; } = [];
    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        IsNew = id == "new";
        if (IsNew) return Page();
        if (!Guid.TryParse(id, out var productId) || await Api.FindAsync<Product>(Services.Catalog, $"/products/{productId}", Ct) is not { } p)
            return NotFound();
        (NameAr, NameFr, DescriptionAr, DescriptionFr, Category, Unit, PriceMad, PhotoUrl, Stock, Status) =
            (p.NameAr, p.NameFr, p.DescriptionAr, p.DescriptionFr, p.Category, p.Unit, p.PriceMad, p.PhotoUrls.FirstOrDefault(), p.StockAvailable, p.Status);
        Photos = p.Photos ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        IsNew = id == "new";
        var request = new
        {
            cooperativeId = User.ScopeOf(), nameAr = NameAr.Trim(), nameFr = NameFr.Trim(), descriptionAr = DescriptionAr, descriptionFr = DescriptionFr,
            category = Category, unit = Unit, priceMad = PriceMad,
            photoUrls = string.IsNullOrWhiteSpace(PhotoUrl) ? Array.Empty<string>() : [PhotoUrl.Trim()], stock = Stock,
        };
        Product? saved = null;
        var ok = await TryAsync(async () =>
        {
            saved = IsNew
                ? await Api.PostAsync<Product>(Services.Catalog, "/products", request, Ct)
                : await Api.PutAsync<Product>(Services.Catalog, $"/products/{id}", request, Ct);
            if (IsNew && PublishNow) saved = await Api.PostAsync<Product>(Services.Catalog, $"/products/{saved.Id}/publish", null, Ct);
        });
        if (!ok && saved is null) return Page();
        Done ??= L.T("تم حفظ المنتج.", "Produit enregistré.");
        return BackTo($"/cooperative/products/{saved!.Id}");
    }

    public async Task<IActionResult> OnPostRestockAsync(string id, int add)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/products/{id}/stock", new { add }, Ct)))
            Done = L.T("تم تحديث المخزون.", "Stock mis à jour.");
        return BackTo($"/cooperative/products/{id}");
    }

    public async Task<IActionResult> OnPostPublishAsync(string id)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/products/{id}/publish", null, Ct)))
            Done = L.T("المنتج معروض في السوق.", "Le produit est en vente.");
        return BackTo($"/cooperative/products/{id}");
    }

    public async Task<IActionResult> OnPostPhotoAsync(string id, IFormFile? upload)
    {
        if (upload is null || upload.Length == 0) Problem = L.T("اختر صورة لإرسالها.", "Choisissez une photo à envoyer.");
        else if (await TryAsync(() => Api.PostFileAsync<Unit>(Services.Catalog, $"/products/{id}/photos", upload, Ct)))
            Done = L.T("تمت إضافة الصورة.", "Photo ajoutée.");
        return BackTo($"/cooperative/products/{id}");
    }

    public async Task<IActionResult> OnPostCoverAsync(string id, Guid photoId)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Catalog, $"/products/{id}/photos/{photoId}/cover", null, Ct)))
            Done = L.T("أصبحت هذه الصورة صورة الغلاف.", "Cette photo est maintenant la couverture.");
        return BackTo($"/cooperative/products/{id}");
    }

    /// <summary>Moves a photo one place earlier: the service takes the whole new order.</summary>
    public async Task<IActionResult> OnPostEarlierAsync(string id, Guid photoId)
    {
        var ok = await TryAsync(async () =>
        {
            var product = await Api.GetAsync<Product>(Services.Catalog, $"/products/{id}", Ct);
            var order = (product.Photos ?? []).Select(p => p.Id).ToList();
            var at = order.IndexOf(photoId);
            if (at <= 0) return;
            (order[at - 1], order[at]) = (order[at], order[at - 1]);
            await Api.PutAsync<Unit>(Services.Catalog, $"/products/{id}/photos/order", new { photoIds = order }, Ct);
        });
        if (ok) Done = L.T("تم تغيير ترتيب الصور.", "Ordre des photos modifié.");
        return BackTo($"/cooperative/products/{id}");
    }

    public async Task<IActionResult> OnPostDeletePhotoAsync(string id, Guid photoId)
    {
        if (await TryAsync(() => Api.DeleteAsync<Unit>(Services.Catalog, $"/products/{id}/photos/{photoId}", Ct)))
            Done = L.T("تم حذف الصورة.", "Photo supprimée.");
        return BackTo($"/cooperative/products/{id}");
    }
}
