using Tadamon.Web.Backend;
using Tadamon.Web.Localization;
using Tadamon.Web.Market;

namespace Tadamon.Web.Pages;

public sealed class IndexModel(Api api, Lang lang, ReferenceData reference) : WebPage(api, lang)
{
    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public IReadOnlyList<Product> Latest { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Regions = await reference.RegionsAsync(Ct);
        Latest = (await Api.GetAsync<Page<Product>>(Services.Catalog, "/products?sort=Newest&pageSize=8", Ct)).Items;
    }
}
