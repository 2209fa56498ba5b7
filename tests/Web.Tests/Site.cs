using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;

namespace Tadamon.Web.Tests;

/// <summary>
/// The site as a person meets it through the gateway: a fresh browser (its own cookies) per person, the language
/// chosen with the switch every page carries, and the platform's own API for setting a scene up quickly.
/// </summary>
public sealed class Site(PlatformFixture platform, BrowserFixture browser)
{
    public const string DemoPassword = "Tadamon-2026";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public Uri Gateway => platform.App.GetEndpoint("gateway", "http");
    public HttpClient Api => platform.Gateway;

    /// <summary>
    /// A new person at the market's front door, in the given language. Scripts are off unless asked for: the core
    /// journeys must work without them (the pages carry none).
    /// </summary>
    public async Task<IPage> VisitAsync(string lang, bool javaScript = false)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString().TrimEnd('/'), JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 412, Height = 915 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await AssertLanguageAsync(page, "ar"); // Arabic is the default
        if (lang == "fr")
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
            await AssertLanguageAsync(page, "fr");
        }
        return page;
    }

    /// <summary>A person whose page axe can check: scripts on, and the page's own policy (which forbids every script) set aside for the checker alone.</summary>
    public async Task<IPage> VisitWithAxeAsync(string lang)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString().TrimEnd('/'), BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        if (lang == "fr") await page.GotoAsync("/language/fr?back=/");
        await AssertLanguageAsync(page, lang);
        return page;
    }

    /// <summary>
    /// The same person's view with axe able to run in it: their cookies (session, language) carried into a context
    /// with scripts on, so checking a page costs no second sign-in (sign-ins are rate-limited per login name).
    /// </summary>
    public async Task<IPage> CheckerForAsync(IPage signedIn)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString().TrimEnd('/'), BypassCSP = true,
        });
        var cookies = await signedIn.Context.CookiesAsync();
        await context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly,
            Secure = c.Secure, SameSite = c.SameSite,
        }));
        return await context.NewPageAsync();
    }

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(
        Path.Combine(RepositoryRoot(), "tests", "Web.Tests", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>axe-core's WCAG 2.1 A and AA violations on the page as it stands, each with the elements it concerns.</summary>
    public static async Task<List<string>> AccessibilityViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = Axe.Value });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        return result.EnumerateArray().Select(v => $"{page.Url}: {v.GetString()}").ToList();
    }

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    public static async Task AssertLanguageAsync(IPage page, string lang)
    {
        var html = page.Locator("html");
        await Assertions.Expect(html).ToHaveAttributeAsync("lang", lang);
        await Assertions.Expect(html).ToHaveAttributeAsync("dir", lang == "ar" ? "rtl" : "ltr");
    }

    public static string T(string lang, string ar, string fr) => lang == "ar" ? ar : fr;

    public static async Task LogInAsync(IPage page, string lang, string username, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel(T(lang, "البريد الإلكتروني أو رقم الهاتف", "Email ou numéro de mobile")).FillAsync(username);
        await page.GetByLabel(T(lang, "كلمة المرور", "Mot de passe"), new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "دخول", "Se connecter"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(T(lang, "^خروج", "^Se déconnecter")) })).ToBeVisibleAsync();
        await AssertLanguageAsync(page, lang);
    }

    /// <summary>Opens an account through the registration page, as a newcomer would; returns the login.</summary>
    public static async Task<string> RegisterAsync(IPage page, string lang, string name, string role)
    {
        var login = role == "beneficiary" ? NewMobile() : $"web-{Guid.NewGuid():N}@example.ma";
        await page.GotoAsync("/account/register");
        await page.GetByLabel(T(lang, "الاسم الكامل", "Nom complet")).FillAsync(name);
        await page.GetByLabel(T(lang, "البريد الإلكتروني أو رقم الهاتف المحمول", "Email ou numéro de mobile")).FillAsync(login);
        await page.GetByLabel(T(lang, "كلمة المرور", "Mot de passe"), new() { Exact = false }).FillAsync("Bien-Longue-2026");
        await page.GetByLabel(role == "beneficiary" ? T(lang, "مستفيد من مركز اجتماعي", "Bénéficiaire d'un centre social")
            : T(lang, "مشتر في السوق", "Acheteur sur le marché")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "إنشاء الحساب", "Créer le compte") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(T(lang, "^خروج", "^Se déconnecter")) })).ToBeVisibleAsync();
        return login;
    }

    public static string NewMobile() => "06" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Reloads until the locator shows: what the broker carries arrives a moment later.</summary>
    public static async Task ReloadUntilVisibleAsync(IPage page, ILocator locator, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await locator.IsVisibleAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what} on {page.Url}.");
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
    }

    // ---- setting a scene through the API (a person's own steps go through the pages) ----

    /// <summary>Registers an account through the gateway and returns its access token.</summary>
    public async Task<string> TokenForNewAccountAsync(string role, string name, string? phone = null)
    {
        var email = phone is null ? $"api-{Guid.NewGuid():N}@example.ma" : null;
        using var registered = await Api.PostAsJsonAsync("/api/identity/accounts/register",
            new { displayName = name, email, phone, password = "Bien-Longue-2026", role });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        return await TokenAsync(email ?? phone!, "Bien-Longue-2026");
    }

    public async Task<string> TokenAsync(string username, string password = DemoPassword)
    {
        using var response = await Api.PostAsync("/api/identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = username, ["password"] = password,
        }));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string url, string token, object? body = null, int expected = 200)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Where the repository is, for the screenshots the README shows.</summary>
    public static string RepositoryRoot() => Tadamon.TestSupport.TestMachine.RepositoryRoot();
}
