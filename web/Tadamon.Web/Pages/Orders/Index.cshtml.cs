using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Orders;

public sealed class OrdersModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Page<Order> Orders { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync() => Orders = await Api.GetAsync<Page<Order>>(Services.Orders, "/?pageSize=50", Ct);
}
