using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>The Tathmine programme on screen: an operator records a support action, then reads the impact page and its CSV, without scripts.</summary>
[Collection("web")]
public sealed class TathminePagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task The_operator_Should_record_support_and_see_its_impact_in_charts_a_table_and_a_csv(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await LogInAsync(page, lang, "operateur@tadamon.ma");

        // A demo member's file: record a training for it.
        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "برنامج تثمين", "Programme Tathmine"), Exact = true }).ClickAsync();
        await page.Locator("#programme-members a").First.ClickAsync();
        var note = $"Atelier {lang} {Guid.NewGuid():N}"[..20];
        var form = page.Locator("#new-action");
        await form.GetByLabel(T(lang, "النوع", "Type")).SelectOptionAsync("Training");
        await form.GetByLabel(T(lang, "التكلفة بالدرهم", "Coût en MAD")).FillAsync("4500.50");
        await form.GetByLabel(T(lang, "ملاحظات", "Notes")).FillAsync(note);
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T(lang, "سجل إجراء الدعم.", "Action d'appui enregistrée."));
        await Assertions.Expect(page.Locator("#support-actions")).ToContainTextAsync(note);

        // The impact page: the demo's support actions drawn before/after, the same numbers in a table, and the CSV.
        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "أثر تثمين", "Impact Tathmine"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = T(lang, "أثر برنامج تثمين", "Impact du programme Tathmine"), Level = 1 })).ToBeVisibleAsync();
        await ReloadUntilVisibleAsync(page, page.Locator("#actions-chart"), "the support actions chart");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = T(lang, "الدخل قبل إجراءات الدعم وبعدها", "Revenu avant et après les actions d'appui") })).ToBeVisibleAsync();
        var actions = await page.Locator("#impact-actions tbody tr").CountAsync();
        Assert.True(actions >= 5, $"{actions} support actions listed");
        Assert.Equal(actions * 2, await page.Locator("#actions-chart rect[class^='bar-']").CountAsync() - 2); // two bars each, two legend keys

        await page.GetByLabel(T(lang, "السلسلة الإنتاجية", "Filière"), new() { Exact = true }).SelectOptionAsync("argan");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "عرض", "Afficher") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("valueChain=argan"));
        var argan = await page.Locator("#impact-actions tbody tr").CountAsync();
        Assert.InRange(argan, 1, actions - 1);

        var csv = await page.Context.APIRequest.GetAsync(await page.Locator("#impact-csv").GetAttributeAsync("href") ?? "");
        Assert.True(csv.Ok, $"CSV: {csv.Status}");
        Assert.StartsWith("value_chain,region,month,member,cooperatives,orders,sales_mad,delivered_parcels,delivered_income_mad", await csv.TextAsync());
        await AssertLanguageAsync(page, lang);
    }
}
