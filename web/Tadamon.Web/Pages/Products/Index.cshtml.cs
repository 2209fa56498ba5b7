using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages.Products;

public sealed class ProductsModel(Api api, Lang lang, ReferenceData reference) : WebPage(api, lang)
{
    public const int PageSize = 12;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CooperativeId { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? MinPrice { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? MaxPrice { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "Newest";

    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public Page<Product> Results { get; private set; } = new([], 1, PageSize, 0);

    // "page" is also Razor Pages' own route value (the page's path): only the query string's is the list's page.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber)
    {
        Regions = await reference.RegionsAsync(Ct);
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["category"] = Category, ["region"] = Region, ["cooperativeId"] = CooperativeId?.ToString(),
            ["minPrice"] = MinPrice?.ToString(CultureInfo.InvariantCulture), ["maxPrice"] = MaxPrice?.ToString(CultureInfo.InvariantCulture),
            ["sort"] = Sort is "Newest" or "PriceAsc" or "PriceDesc" or "Name" ? Sort : "Newest",
            ["page"] = ListPage(pageNumber).ToString(CultureInfo.InvariantCulture), ["pageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
        Results = await Api.GetAsync<Page<Product>>(Services.Catalog, Query.Of("/products", query), Ct);
    }
}
