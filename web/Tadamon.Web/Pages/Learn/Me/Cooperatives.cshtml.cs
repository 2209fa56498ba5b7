using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn.Me;

/// <summary>
/// A beneficiary's cooperatives: type the code a cooperative's manager gave, read whose invitation it is, consent
/// (a ticked box, nothing else makes one a member), and later leave. Catalog shows them only their own.
/// </summary>
public sealed class CooperativesModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Page<Membership> Memberships { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    /// <summary>The invitation the typed code stands for, to consent to.</summary>
    public MembershipInvitation? Invitation { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber)
    {
        Memberships = await Api.GetAsync<Page<Membership>>(Services.Catalog, $"/memberships?page={ListPage(pageNumber)}&pageSize={ListSize}", Ct);
        if (string.IsNullOrWhiteSpace(Code)) return;
        Invitation = await Api.FindAsync<MembershipInvitation>(Services.Catalog, $"/memberships/invitations/{Uri.EscapeDataString(Code.Trim())}", Ct);
        if (Invitation is null) Problem = L.T("لا توجد دعوة مفتوحة بهذا الرمز.", "Aucune invitation ouverte ne porte ce code.");
    }

    public async Task<IActionResult> OnPostConsentAsync(bool confirm)
    {
        if (!confirm || string.IsNullOrWhiteSpace(Code))
        {
            Problem = L.T("ضع علامة في الخانة لتأكيد موافقتك.", "Cochez la case pour confirmer votre accord.");
            await OnGetAsync(null);
            return Page();
        }
        Membership? joined = null;
        if (await TryAsync(async () => joined = await Api.PostAsync<Membership>(Services.Catalog, $"/memberships/invitations/{Uri.EscapeDataString(Code.Trim())}/consent", null, Ct)))
            Done = L.T($"أصبحت عضوا في {joined!.CooperativeNameAr}.", $"Vous êtes membre de {joined!.CooperativeNameFr}.");
        return BackTo("/learn/me/cooperatives");
    }

    public async Task<IActionResult> OnPostLeaveAsync(Guid membership, bool confirm)
    {
        if (!confirm)
        {
            Problem = L.T("ضع علامة في الخانة لتأكيد المغادرة.", "Cochez la case pour confirmer que vous quittez la coopérative.");
            return BackTo("/learn/me/cooperatives");
        }
        Membership? left = null;
        if (await TryAsync(async () => left = await Api.PostAsync<Membership>(Services.Catalog, $"/memberships/{membership}/leave", null, Ct)))
            Done = L.T($"غادرت {left!.CooperativeNameAr}.", $"Vous avez quitté {left!.CooperativeNameFr}.");
        return BackTo("/learn/me/cooperatives");
    }
}
