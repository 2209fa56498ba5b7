using Microsoft.AspNetCore.Mvc;
using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn;

/// <summary>
/// The certificate as a sheet to print, public like its check. Served by the site (its stylesheet, its one script
/// file) rather than by the API, whose answers the gateway forbids any style or script.
/// </summary>
public sealed class CertificatePrintModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Certificate Certificate { get; private set; } = null!;
    public string VerifyUrl => $"{Request.Scheme}://{Request.Host}/learn/certificates/{Uri.EscapeDataString(Certificate.Code)}";

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await Api.FindAsync<Certificate>(Services.Enrollment, $"/certificates/{Uri.EscapeDataString(code)}", Ct) is not { } certificate)
            return NotFound();
        Certificate = certificate;
        ContentPolicy.AllowOwnScripts(HttpContext);
        return Page();
    }
}
