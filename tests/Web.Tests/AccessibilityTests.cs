using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// axe-core (from npm, see package.json) run inside the main pages against WCAG 2.1 A and AA. Any violation fails
/// the test and is listed with the elements it concerns.
/// </summary>
[Collection("web")]
public sealed class AccessibilityTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task Public_pages_meet_WCAG_2_1_AA(string lang)
    {
        var page = await _site.VisitWithAxeAsync(lang);
        var product = await page.Locator("ul.grid a").First.GetAttributeAsync("href");
        await page.GotoAsync("/learn");
        var course = await page.Locator("ul.grid li a[href^='/learn/courses/']").First.GetAttributeAsync("href");
        var violations = new List<string>();
        foreach (var path in new[] { "/", "/products", product!, "/cart", "/account/login", "/account/register", "/learn", course!, "/easy-read/on?back=/learn" })
        {
            await page.GotoAsync(path);
            violations.AddRange(await AccessibilityViolationsAsync(page));
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("ar", "acheteur@tadamon.ma", "/checkout")]
    [InlineData("ar", "cooperative@tadamon.ma", "/cooperative")]
    [InlineData("fr", "operateur@tadamon.ma", "/operator")]
    [InlineData("ar", "operateur@tadamon.ma", "/operator/settlement")]
    [InlineData("ar", "operateur@tadamon.ma", "/operator/impact")]
    [InlineData("fr", "operateur@tadamon.ma", "/operator/impact")]
    [InlineData("fr", "operateur@tadamon.ma", "/operator/programme")]
    [InlineData("ar", "centre@tadamon.ma", "/learn/centre")]
    [InlineData("fr", "0612345678", "/learn/me")]
    public async Task Each_role_s_space_meets_WCAG_2_1_AA(string lang, string login, string space)
    {
        var page = await _site.VisitWithAxeAsync(lang);
        await LogInAsync(page, lang, login);
        await page.GotoAsync(space);
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
