using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>The SMS pages: a person's SMS settings and the operator's list of SMS, in both languages, axe-clean.</summary>
[Collection("web")]
public sealed class SmsPagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task A_beneficiary_Should_set_the_mobile_and_the_language_of_their_SMS(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await RegisterAsync(page, lang, "Rachida Ait Baha", "beneficiary");
        var mobile = NewMobile();

        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "الرسائل القصيرة", "Mes SMS"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(lang, "الرسائل القصيرة", "Mes SMS"), Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel(T(lang, "رقم الهاتف المحمول", "Numéro de mobile")).FillAsync(mobile);
        await page.GetByLabel("Français").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ", "Enregistrer") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T(lang, "حفظت إعداداتك.", "Vos réglages sont enregistrés."));
        await Assertions.Expect(page.GetByLabel(T(lang, "رقم الهاتف المحمول", "Numéro de mobile"))).ToHaveValueAsync("+212" + mobile[1..]);
        await Assertions.Expect(page.GetByLabel("Français")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel(T(lang, "أريد تلقي الرسائل القصيرة", "Je veux recevoir des SMS"))).ToBeCheckedAsync();
        await AssertLanguageAsync(page, lang);

        // A wrong number is refused with the service's words, and nothing changes.
        await page.GetByLabel(T(lang, "رقم الهاتف المحمول", "Numéro de mobile")).FillAsync("0512");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ", "Enregistrer") }).ClickAsync();
        await Assertions.Expect(page.GetByText(T(lang, "رقم الهاتف المحمول المغربي غير صالح", "Numéro de mobile marocain invalide"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel(T(lang, "رقم الهاتف المحمول", "Numéro de mobile"))).ToHaveValueAsync("+212" + mobile[1..]);

        var checker = await _site.CheckerForAsync(page);
        await checker.GotoAsync("/account/sms");
        await AssertAccessibleAsync(checker);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task The_operator_Should_see_the_SMS_sent_by_state(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await LogInAsync(page, lang, "operateur@tadamon.ma");

        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "الرسائل القصيرة المرسلة", "SMS envoyés") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(lang, "الرسائل القصيرة المرسلة", "SMS envoyés"), Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel(T(lang, "الحالة", "État")).SelectOptionAsync("Failed");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "عرض", "Afficher") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=Failed"));
        await AssertLanguageAsync(page, lang);

        var checker = await _site.CheckerForAsync(page);
        await checker.GotoAsync("/operator/sms");
        await AssertAccessibleAsync(checker);
    }
}
