using Tadamon.Web.Backend;
using Tadamon.Web.Localization;

namespace Tadamon.Web.Pages.Learn;

/// <summary>Public: whoever holds the code (an employer, a cooperative) can check the certificate.</summary>
public sealed class CertificateModel(Api api, Lang lang) : WebPage(api, lang)
{
    public Certificate? Certificate { get; private set; }

    public async Task OnGetAsync(string code) =>
        Certificate = await Api.FindAsync<Certificate>(Services.Enrollment, $"/certificates/{Uri.EscapeDataString(code)}", Ct);
}
