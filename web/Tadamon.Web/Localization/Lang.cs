using System.Globalization;

namespace Tadamon.Web.Localization;

/// <summary>
/// The page's language (Arabic by default, right-to-left; or French) and the reader's easy-read choice, both
/// remembered in cookies. Text sits beside its use as <c>L.T("عربي", "français")</c>: two languages, no resource
/// files to keep in step. Prices, numbers and dates are formatted for the language, in Morocco's time zone.
/// </summary>
public sealed class Lang
{
    public const string Cookie = "tadamon-lang";
    public const string EasyReadCookie = "tadamon-easy";
    private static readonly CultureInfo Arabic = CultureInfo.GetCultureInfo("ar-MA");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-MA");

    public bool IsArabic { get; private set; } = true;
    public bool EasyRead { get; private set; }
    public string Code => IsArabic ? "ar" : "fr";
    public string Dir => IsArabic ? "rtl" : "ltr";
    public CultureInfo Culture => IsArabic ? Arabic : French;

    public string T(string ar, string fr) => IsArabic ? ar : fr;

    /// <summary>A code the services use (category, status, region…) in the page's language.</summary>
    public string W(string? code) => code is null ? "" : Words.Of(code) is { } w ? T(w.Ar, w.Fr) : code;

    public string Money(decimal amount) => amount.ToString("N2", Culture) + T(" درهم", " MAD");
    public string Number(int n) => n.ToString("N0", Culture);
    public string Date(DateOnly d) => d.ToString("d MMMM yyyy", Culture);
    public string Date(DateTimeOffset t) => Local(t).ToString("d MMMM yyyy", Culture);
    public string DateTime(DateTimeOffset t) => Local(t).ToString("d MMMM yyyy، HH:mm", Culture).Replace("،", IsArabic ? "،" : ",");

    public static DateTimeOffset Local(DateTimeOffset t) => MoroccoTime.Local(t);

    /// <summary>Reads the reader's choices and makes the request's culture follow the language.</summary>
    public void Apply(HttpContext http)
    {
        IsArabic = http.Request.Cookies[Cookie] != "fr";
        EasyRead = http.Request.Cookies[EasyReadCookie] == "1";
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
    }
}

/// <summary>Where the language and easy-read switches live: plain links, so they work without JavaScript.</summary>
public static class LangEndpoints
{
    public static IEndpointRouteBuilder MapLanguageSwitches(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{code:regex(^(ar|fr)$)}", (string code, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(Lang.Cookie, code, Remembered());
            return Results.LocalRedirect(SafeBack(back));
        });
        app.MapGet("/easy-read/{state:regex(^(on|off)$)}", (string state, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(Lang.EasyReadCookie, state == "on" ? "1" : "0", Remembered());
            return Results.LocalRedirect(SafeBack(back));
        });
        return app;
    }

    private static CookieOptions Remembered() => new()
    {
        MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
    };

    /// <summary>Only a path of this site: a crafted link must not bounce people elsewhere.</summary>
    public static string SafeBack(string? back) =>
        back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || (back[1] != '/' && back[1] != '\\')) ? back : "/";
}
