using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Account;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Cooperative;

/// <summary>
/// The manager's list of members: invite one (catalog answers a one-time code to hand over), see who consented and
/// which certificates they hold, remove a member or withdraw an unanswered invitation.
/// </summary>
public sealed class CooperativeMembersModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Page<CooperativeMember> Members { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    /// <summary>The code of the invitation just made, shown once in a notice.</summary>
    [TempData] public string? NewCode { get; set; }

    [BindProperty, Required, StringLength(200, MinimumLength = 2)] public string DisplayName { get; set; } = "";

    private string Path => $"/cooperatives/{User.ScopeOf() ?? Guid.Empty}/members";

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber) =>
        Members = await Api.GetAsync<Page<CooperativeMember>>(Services.Catalog, $"{Path}?page={ListPage(pageNumber)}&pageSize={ListSize}", Ct);

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = L.T("اكتب اسم العضو (حرفان على الأقل).", "Indiquez le nom du membre (deux caractères au moins).");
            await OnGetAsync(null);
            return Page();
        }
        CooperativeMember? invited = null;
        if (await TryAsync(async () => invited = await Api.PostAsync<CooperativeMember>(Services.Catalog, Path, new { displayName = DisplayName }, Ct)))
        {
            NewCode = invited!.InvitationCode;
            Done = L.T($"تمت دعوة {invited.DisplayName}.", $"{invited.DisplayName} est invité(e).");
        }
        return BackTo("/cooperative/members");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid member)
    {
        if (await TryAsync(() => Api.DeleteAsync<CooperativeMember>(Services.Catalog, $"{Path}/{member}", Ct)))
            Done = L.T("انتهت العضوية.", "L'adhésion est terminée.");
        return BackTo("/cooperative/members");
    }
}
