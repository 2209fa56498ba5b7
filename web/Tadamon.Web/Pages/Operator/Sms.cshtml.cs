using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Operator;

/// <summary>The SMS sent on the platform's behalf: state, attempts, last error; a failed one can be sent again.</summary>
public sealed class SmsListModel(Api api, Lang lang) : WebPage(api, lang)
{
    public static readonly string[] States = ["Pending", "Sent", "Delivered", "Failed", "Withheld"];

    public Page<SmsView> Messages { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public async Task OnGetAsync(int? page)
    {
        var filter = States.Contains(State) ? $"&state={State}" : "";
        Messages = await Api.GetAsync<Page<SmsView>>(Services.Notifications,
            $"/sms?page={ListPage(page)}&pageSize={ListSize.ToString(CultureInfo.InvariantCulture)}{filter}", Ct);
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id)
    {
        if (await TryAsync(() => Api.PostAsync<Unit>(Services.Notifications, $"/sms/{id}/replay", null, Ct)))
            Done = L.T("ستعاد محاولة إرسال الرسالة.", "Le SMS sera renvoyé.");
        return BackHere();
    }

    public string StateName(string state) => state switch
    {
        "Pending" => L.T("في الانتظار", "En attente"),
        "Sent" => L.T("أرسلت", "Envoyé"),
        "Delivered" => L.T("وصلت", "Remis"),
        "Failed" => L.T("فشلت", "Échec"),
        "Withheld" => L.T("لم ترسل", "Non envoyé"),
        _ => state,
    };
}
