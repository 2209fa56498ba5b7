using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Account;

public sealed class LoginModel(IHttpClientFactory clients) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public bool Refused { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var tokens = await Web.Account.Session.PasswordGrantAsync(clients, Username.Trim(), Password, HttpContext.RequestAborted);
        if (tokens is null)
        {
            Refused = true;
            return Page();
        }
        var person = Web.Account.Session.PrincipalOf(tokens.AccessToken);
        await HttpContext.SignInAsync(Web.Account.Session.Scheme, person, Web.Account.Session.PropertiesOf(tokens));
        return LocalRedirect(ReturnUrl is { Length: > 0 } ? LangEndpoints.SafeBack(ReturnUrl) : HomeOf(person.FindFirst("role")?.Value));
    }

    /// <summary>Each kind of person lands where their work is.</summary>
    public static string HomeOf(string? role) => role switch
    {
        Roles.CooperativeManager => "/cooperative",
        Roles.Operator => "/operator",
        Roles.Beneficiary => "/learn/me",
        Roles.CentreManager => "/learn/centre",
        Roles.AssociationManager => "/learn/association",
        _ => "/",
    };
}
