using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Account;

/// <summary>
/// A person's SMS settings: the mobile to text, the language of the SMS, SMS on or off. Beneficiaries hear of
/// decisions, seats and live classes by SMS; buyers of a parcel on its way. Anyone signed in may set theirs.
/// </summary>
[Authorize]
public sealed class SmsModel(Api api, Lang lang) : WebPage(api, lang)
{
    public SmsSettings Settings { get; private set; } = new(null, "ar", true, false);

    public async Task OnGetAsync() => Settings = await Api.GetAsync<SmsSettings>(Services.Notifications, "/me/sms", Ct);

    public async Task<IActionResult> OnPostAsync(string? phone, string? language, bool smsEnabled)
    {
        if (await TryAsync(() => Api.PutAsync<SmsSettings>(Services.Notifications, "/me/sms", new { phone, language, smsEnabled }, Ct)))
            Done = L.T("حفظت إعداداتك.", "Vos réglages sont enregistrés.");
        return BackTo("/account/sms");
    }
}
