using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// The demo partner association runs El Attaouia's two centres: its manager lands on them, opens one with the centre
/// pages, and is turned back from a centre it does not run; operators see who runs each centre, register an association and edit it. Arabic and French,
/// each page checked by axe. Only a new association of its own is changed, so the demo stays as the other journeys expect it.
/// </summary>
[Collection("web")]
public sealed class AssociationSpaceTests(PlatformFixture platform, BrowserFixture browser)
{
    private const string AssociationManager = "association@tadamon.ma";
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task An_association_s_manager_runs_its_centres_and_no_other_and_operators_see_who_runs_each(string lang)
    {
        var centres = (await _site.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/courses/centres?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var vocational = centres.Single(c => c.GetProperty("nameFr").GetString() == "Centre de formation par apprentissage de Kelâat Es-Sraghna").GetProperty("id").GetGuid();

        var page = await _site.VisitWithAxeAsync(lang);
        await LogInAsync(page, lang, AssociationManager);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/learn/association$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(
            T(lang, "الجمعية الشريكة للتربية والتكوين بالعطاوية", "Association partenaire d'éducation et de formation d'El Attaouia"));
        var run = page.Locator("#association-centres li");
        await Assertions.Expect(run).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#association-centres")).ToContainTextAsync(T(lang, "روض الأطفال بالعطاوية", "Jardin d'enfants d'El Attaouia"));
        await AssertAccessibleAsync(page);

        // One of its centres, with the centre manager's page: its courses and its pre-registrations.
        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "مركز التربية والتكوين بالعطاوية", "Centre d'éducation et de formation d'El Attaouia") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/learn/centre\\?centre="));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(
            T(lang, "مركز التربية والتكوين بالعطاوية", "Centre d'éducation et de formation d'El Attaouia"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = T(lang, "مبادئ المعلوميات", "Initiation à l'informatique") })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#decision-counts")).ToBeVisibleAsync();
        await AssertLanguageAsync(page, lang);
        await AssertAccessibleAsync(page);

        // A centre the association does not run: back to its own centres, nothing of the other shown.
        await page.GotoAsync($"/learn/centre?centre={vocational}");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/learn/association$"));

        // Operators: who runs each centre, the association with its two centres.
        var staff = await _site.VisitWithAxeAsync(lang);
        await LogInAsync(staff, lang, "operateur@tadamon.ma");
        await staff.GotoAsync("/operator/associations");
        var row = staff.Locator("#associations tr", new() { HasText = "KS-ATT-2020-014" });
        await Assertions.Expect(row).ToContainTextAsync(T(lang, "الجمعية الشريكة للتربية والتكوين بالعطاوية", "Association partenaire d'éducation et de formation d'El Attaouia"));
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("2");
        await Assertions.Expect(staff.Locator("#centre-associations tr", new() { HasText = T(lang, "روض الأطفال بالعطاوية", "Jardin d'enfants d'El Attaouia") }).Locator(".runner"))
            .ToContainTextAsync(T(lang, "الجمعية الشريكة", "Association partenaire"));
        await AssertAccessibleAsync(staff);

        // Registering another association with the page's form (it runs no centre, so the demo stays as it was).
        var number = $"KS-WEB-{Guid.NewGuid():N}"[..20];
        var register = staff.Locator("section[aria-labelledby=new]");
        await register.GetByLabel(T(lang, "الاسم بالعربية", "Nom en arabe")).FillAsync("جمعية النور لمحو الأمية بتملالت");
        await register.GetByLabel(T(lang, "الاسم بالفرنسية", "Nom en français")).FillAsync("Association Ennour d'alphabétisation de Tamelelt");
        await register.GetByLabel(T(lang, "رقم التسجيل", "Numéro d'enregistrement")).FillAsync(number);
        await register.GetByLabel(T(lang, "الشخص المخاطب", "Personne à contacter")).FillAsync("Abdelkader Ouchen");
        await register.GetByLabel(T(lang, "الهاتف", "Téléphone")).FillAsync("0524452211");
        await staff.GetByRole(AriaRole.Button, new() { Name = T(lang, "تسجيل الجمعية", "Enregistrer l'association") }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync(T(lang, "سجلت الجمعية", "enregistrée"));
        var registered = staff.Locator("#associations tr", new() { HasText = number });
        await Assertions.Expect(registered.Locator("td").Nth(3)).ToHaveTextAsync("0");

        // Editing it: its own form, filled with what it holds, changes the contact and nothing else.
        await registered.Locator("summary").ClickAsync();
        var contact = registered.GetByLabel(T(lang, "الشخص المخاطب", "Personne à contacter"));
        await Assertions.Expect(contact).ToHaveValueAsync("Abdelkader Ouchen");
        await contact.FillAsync("Fatima Zahra Ait Ali");
        await AssertAccessibleAsync(staff);
        await registered.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ الجمعية", "Enregistrer l'association") }).ClickAsync();
        await Assertions.Expect(staff.Locator(".notice")).ToContainTextAsync(T(lang, "عدلت معلومات الجمعية", "modifiée"));
        registered = staff.Locator("#associations tr", new() { HasText = number });
        await Assertions.Expect(registered.Locator("td").Nth(2)).ToContainTextAsync("Fatima Zahra Ait Ali");
        await Assertions.Expect(registered.Locator("td").Nth(3)).ToHaveTextAsync("0");
        await AssertLanguageAsync(staff, lang);
    }
}
