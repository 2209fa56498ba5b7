using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// An operator pauses a commune's centres from /operator/pauses (choose, preview, confirm), the public course page
/// shows the banner, and the operator resumes. On a commune of its own, so the demo stays as other journeys expect;
/// Arabic and French, each page checked by axe.
/// </summary>
[Collection("web")]
public sealed class CentrePausePagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task An_operator_previews_pauses_and_resumes_a_commune_and_its_course_page_shows_the_banner_meanwhile(string lang)
    {
        var token = await _site.TokenAsync("operateur@tadamon.ma");
        var commune = $"Zemrane {Guid.NewGuid():N}"[..20];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var centre = (await _site.SendAsync(HttpMethod.Post, "/api/courses/centres", token, new
        {
            nameAr = "فضاء محو الأمية بزمران", nameFr = "Espace d'alphabétisation de Zemrane", type = "Literacy", province = "Kelâat Es-Sraghna",
            commune, address = "Centre social, Zemrane", phone = "+212524452210", mode = "Hybrid",
        }, 201)).GetProperty("id").GetGuid();
        var year = Random.Shared.Next(5000, 9000);
        var season = (await _site.SendAsync(HttpMethod.Post, "/api/courses/seasons", token,
            new { label = $"{year}/{year + 1}", opensOn = today.AddDays(-1), closesOn = today.AddDays(120) }, 201)).GetProperty("id").GetGuid();
        var course = (await _site.SendAsync(HttpMethod.Post, "/api/courses/courses", token, new
        {
            centreId = centre, seasonId = season, titleAr = "القراءة والكتابة", titleFr = "Lire et écrire", descriptionAr = "تعلم القراءة والكتابة.",
            descriptionFr = "Apprendre à lire et à écrire.", minAge = 15, maxAge = 70, accessibilityServed = "None", capacity = 15,
            scheduleAr = "الأربعاء 15:00-17:00", scheduleFr = "Mercredi 15h-17h", startsOn = today.AddDays(7), endsOn = today.AddDays(90),
        }, 201)).GetProperty("id").GetGuid();
        var module = await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules", token, new { titleAr = "الحروف", titleFr = "Les lettres" });
        await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/modules/{module.GetProperty("modules")[0].GetProperty("id").GetGuid()}/lessons", token,
            new { titleAr = "الحروف الأولى", titleFr = "Les premières lettres", contentAr = "نص", contentFr = "Texte", estimatedMinutes = 20, required = true });
        await _site.SendAsync(HttpMethod.Post, $"/api/courses/courses/{course}/publish", token);

        var page = await _site.VisitWithAxeAsync(lang);
        await LogInAsync(page, lang, "operateur@tadamon.ma");
        await page.GotoAsync("/operator/pauses");
        await Assertions.Expect(page.Locator("#pause-list")).ToContainTextAsync(T(lang, "جماعة Kelâat Es-Sraghna", "Commune de Kelâat Es-Sraghna")); // the demo's 2020 pause
        await AssertLanguageAsync(page, lang);
        await AssertAccessibleAsync(page);

        await page.Locator("#pause-commune").SelectOptionAsync(commune);
        await page.Locator("#pause-reason-ar").FillAsync("تعليق الأنشطة الحضورية بسبب الفيضانات.");
        await page.Locator("#pause-reason-fr").FillAsync("Activités en présentiel suspendues en raison des inondations.");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "معاينة", "Prévisualiser") }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-centres li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#preview-courses")).ToContainTextAsync(T(lang, "القراءة والكتابة", "Lire et écrire"));
        await AssertAccessibleAsync(page);
        await page.Locator("#confirm-pause").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        var row = page.Locator("#pause-list tr", new() { HasText = commune });
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        // The public course page: the banner, with the reason, while pre-registration stays open.
        var visitor = await _site.VisitWithAxeAsync(lang);
        await visitor.GotoAsync($"/learn/courses/{course}");
        await Assertions.Expect(visitor.Locator(".pause-banner")).ToContainTextAsync(T(lang, "بسبب الفيضانات", "en raison des inondations"));
        await AssertAccessibleAsync(visitor);

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#pause-list tr", new() { HasText = commune })).ToContainTextAsync(T(lang, "استؤنفت", "Reprise"));
        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator(".pause-banner")).ToHaveCountAsync(0);
    }
}
