namespace Tadamon.Web;

/// <summary>
/// The pages' content-security policy. No script at all by default; a page that needs one of the site's own script
/// files (the certificate's print button) opts in, and even then nothing inline runs. Photos may come from any https
/// address a cooperative gives.
/// </summary>
public static class ContentPolicy
{
    private const string OwnScriptsKey = "tadamon.csp.own-scripts";

    private const string Policy = "default-src 'self'; img-src 'self' https: data:; media-src https:; script-src {0}; style-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    /// <summary>Lets this response run script files served by the site itself ('self'), never inline code.</summary>
    public static void AllowOwnScripts(HttpContext context) => context.Items[OwnScriptsKey] = true;

    public static string For(HttpContext context) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, context.Items.ContainsKey(OwnScriptsKey) ? "'self'" : "'none'");
}
