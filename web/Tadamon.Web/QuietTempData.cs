using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Tadamon.Web;

/// <summary>
/// The cookie TempData provider, without its one habit that costs: every page reads TempData (the notices after a
/// form), and an empty TempData was saved as a cookie deletion, so every answer carried a Set-Cookie, even for a
/// visitor who never had the cookie. Besides the bytes, an answer that sets a cookie is never kept by the output cache.
/// </summary>
internal sealed class QuietTempDataProvider(CookieTempDataProvider cookies, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    private readonly string _cookieName = options.Value.Cookie.Name ?? CookieTempDataProvider.CookieName;

    public IDictionary<string, object> LoadTempData(HttpContext context) => cookies.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(_cookieName)) return; // nothing to keep, nothing to delete
        cookies.SaveTempData(context, values);
    }
}
