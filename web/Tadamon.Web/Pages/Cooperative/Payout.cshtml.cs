using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Cooperative;

/// <summary>
/// A payout's statement as a sheet to print (its delivered orders, gross, fee, net), and its CSV. Settlement shows
/// a manager only their own cooperative's payouts: someone else's answers 404 here too.
/// </summary>
public sealed class PayoutStatementModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Backend.Payout Payout { get; private set; } = null!;
    public Backend.Cooperative? Cooperative { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Api.FindAsync<Backend.Payout>(Services.Settlement, $"/payouts/{id}", Ct) is not { } payout) return NotFound();
        Payout = payout;
        Cooperative = await Api.FindAsync<Backend.Cooperative>(Services.Catalog, $"/cooperatives/{payout.CooperativeId}", Ct);
        ContentPolicy.AllowOwnScripts(HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        var (bytes, type) = await Api.DownloadAsync(Services.Settlement, $"/payouts/{id}/statement.csv", Ct);
        return File(bytes, type, $"releve-{id}.csv");
    }
}
