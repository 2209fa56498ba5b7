using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>Pages show only what the role allows: strangers are sent to sign in, other roles are turned away.</summary>
[Collection("web")]
public sealed class AccessTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task Each_space_is_for_its_own_role(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await page.GotoAsync("/orders");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Forders$"));

        await LogInAsync(page, lang, "acheteur@tadamon.ma");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = T(lang, "طلباتي", "Mes commandes") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = T(lang, "فضاء المشرف", "Espace opérateur") })).ToHaveCountAsync(0);
        foreach (var space in new[] { "/operator", "/cooperative", "/learn/centre", "/learn/me" })
        {
            await page.GotoAsync(space);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T(lang, "غير مسموح", "Accès refusé"));
        }

        // Signing out ends the session: the buyer's orders ask for a sign-in again.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(T(lang, "^خروج", "^Se déconnecter")) }).ClickAsync();
        await page.GotoAsync("/orders");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }
}
