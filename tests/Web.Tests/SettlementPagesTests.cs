using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>The cooperatives' money on screen: the operator's settlement page and the cooperative's payouts, in both languages, without scripts.</summary>
[Collection("web")]
public sealed class SettlementPagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task The_operator_Should_see_the_courier_s_cash_the_weekly_chart_and_prepare_a_payout_batch(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await LogInAsync(page, lang, "operateur@tadamon.ma");

        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "أموال التعاونيات", "Argent des coopératives") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(lang, "أموال التعاونيات", "L'argent des coopératives"), Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#held-total")).ToContainTextAsync(T(lang, "درهم", "MAD"));
        await Assertions.Expect(page.Locator("#weekly-chart rect")).ToHaveCountAsync(24); // 12 weeks, two bars each
        // A payout batch for a period of its own (each language a different Sunday, far in the past): made once, listed after.
        var sunday = lang == "fr" ? "2025-01-05" : "2025-01-12";
        await page.GetByLabel(T(lang, "نهاية الفترة", "Fin de période")).FillAsync(sunday);
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "إعداد الأداءات", "Préparer les versements") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T(lang, "أعدت دفعة الأداءات.", "Lot de versements préparé."));
        await AssertLanguageAsync(page, lang);
    }

    [Fact]
    public async Task A_cooperative_manager_Should_see_what_the_agency_owes_and_their_payouts()
    {
        var page = await _site.VisitAsync("ar");
        await LogInAsync(page, "ar", "cooperative@tadamon.ma");

        await page.GotoAsync("/cooperative");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "مستحقات التعاونية" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#owed")).ToHaveTextAsync(new Regex("درهم$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "الأداءات" })).ToBeVisibleAsync();
    }
}
