using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Account;

public sealed class RegisterModel(Api api, Lang lang, IHttpClientFactory clients) : WebPage(api, lang)
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Login { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Role { get; set; } = Roles.Buyer;

    public void OnGet([FromQuery] string? role) => Role = role == Roles.Beneficiary ? Roles.Beneficiary : Roles.Buyer;

    public async Task<IActionResult> OnPostAsync()
    {
        var login = Login.Trim();
        var email = login.Contains('@') ? login : null;
        var created = await TryAsync(() => Api.PostAsync<Unit>(Services.Identity, "/accounts/register", new
        {
            displayName = DisplayName.Trim(), email, phone = email is null ? login : null, password = Password,
            role = Role == Roles.Beneficiary ? Roles.Beneficiary : Roles.Buyer,
        }, Ct));
        if (!created) return Page();

        // Signed in at once: registering is the first step of ordering or pre-registering.
        var tokens = await Web.Account.Session.PasswordGrantAsync(clients, login, Password, Ct);
        if (tokens is null) return LocalRedirect("/account/login");
        await HttpContext.SignInAsync(Web.Account.Session.Scheme, Web.Account.Session.PrincipalOf(tokens.AccessToken),
            Web.Account.Session.PropertiesOf(tokens));
        return LocalRedirect(LoginModel.HomeOf(Role));
    }
}
