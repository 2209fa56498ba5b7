using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>
/// Trained cooperatives in the browser: the demo badge on Tifawine's products; its manager invites a newcomer, who
/// registers as a beneficiary, consents with the code in her own space, then leaves (so the demo stays as the other
/// journeys expect it). Arabic and French, each page checked by axe.
/// </summary>
[Collection("web")]
public sealed class TrainedMembersTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    private async Task<Guid> TifawineAsync()
    {
        var cooperatives = await _site.Api.GetFromJsonAsync<JsonElement>("/api/catalog/cooperatives?pageSize=100");
        return cooperatives.GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("nameFr").GetString() == "Coopérative Tifawine d'huile d'argan").GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_cooperative_invites_a_beneficiary_who_consents_and_leaves_and_its_products_carry_the_trained_badge(string lang)
    {
        var tifawine = await TifawineAsync();

        // The market: Tifawine's products carry the demo member's course, without her name.
        var buyer = await _site.VisitWithAxeAsync(lang);
        await buyer.GotoAsync($"/products?cooperativeId={tifawine}");
        var badge = buyer.Locator(".trained-badge").First;
        await ReloadUntilVisibleAsync(buyer, badge, "the demo trained badge");
        await Assertions.Expect(badge).ToContainTextAsync(T(lang, "الخياطة والطرز", "Couture et broderie"));
        await Assertions.Expect(badge).ToContainTextAsync(T(lang, "أعضاء متكونون", "Membres formés"));
        await Assertions.Expect(badge).Not.ToContainTextAsync("فاطمة");
        await AssertAccessibleAsync(buyer);
        await buyer.Locator(".card h3 a").First.ClickAsync();
        await Assertions.Expect(buyer.Locator("section[aria-labelledby=coop] .trained-badge")).ToContainTextAsync(T(lang, "الخياطة والطرز", "Couture et broderie"));

        // The manager invites a member and gets the code to hand over.
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, "cooperative@tadamon.ma");
        await manager.GotoAsync("/cooperative");
        await manager.GetByRole(AriaRole.Link, new() { Name = T(lang, "أعضاء التعاونية وشارة «أعضاء متكونون»", "Membres de la coopérative et badge « Membres formés »") }).ClickAsync();
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/cooperative/members$"));
        var name = $"Zineb Ait Baha {Guid.NewGuid():N}"[..24];
        await manager.GetByLabel(T(lang, "اسم العضو", "Nom du membre")).FillAsync(name);
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "إنشاء رمز الدعوة", "Créer le code d'invitation") }).ClickAsync();
        var code = (await manager.Locator("#invitation-code strong").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        await Assertions.Expect(manager.Locator("#member-list tr", new() { HasText = name })).ToContainTextAsync(T(lang, "مدعو", "Invité"));
        await AssertLanguageAsync(manager, lang);
        var managerChecker = await _site.CheckerForAsync(manager);
        await managerChecker.GotoAsync("/cooperative/members");
        await AssertAccessibleAsync(managerChecker);

        // The newcomer registers as a beneficiary, reads the invitation in her space and consents.
        var member = await _site.VisitAsync(lang);
        await RegisterAsync(member, lang, name, "beneficiary");
        await member.GotoAsync("/learn/me");
        await member.GetByRole(AriaRole.Link, new() { Name = T(lang, "تعاونياتي ودعوات التعاونيات", "Mes coopératives et invitations") }).ClickAsync();
        await member.GetByLabel(T(lang, "رمز الدعوة الذي سلمه لك مسير التعاونية", "Code d'invitation remis par la coopérative")).FillAsync(code.ToLowerInvariant());
        await member.GetByRole(AriaRole.Button, new() { Name = T(lang, "عرض الدعوة", "Voir l'invitation") }).ClickAsync();
        await Assertions.Expect(member.Locator("#consent-form")).ToContainTextAsync(T(lang, "تعاونية تيفاوين لزيت أركان", "Coopérative Tifawine d'huile d'argan"));
        var checker = await _site.CheckerForAsync(member);
        await checker.GotoAsync($"/learn/me/cooperatives?Code={code}");
        await AssertAccessibleAsync(checker);
        await member.Locator("#consent-form input[type=checkbox]").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = T(lang, "قبول الدعوة", "Accepter l'invitation") }).ClickAsync();
        await Assertions.Expect(member.Locator(".notice")).ToContainTextAsync(T(lang, "أصبحت عضوا", "Vous êtes membre"));
        var membership = member.Locator("#memberships li", new() { HasText = T(lang, "تعاونية تيفاوين لزيت أركان", "Coopérative Tifawine d'huile d'argan") });
        await Assertions.Expect(membership).ToContainTextAsync(T(lang, "عضو", "Membre"));
        await checker.GotoAsync("/learn/me/cooperatives");
        await AssertAccessibleAsync(checker);

        // The manager sees her as a member; she leaves, and her membership shows as ended.
        await manager.ReloadAsync();
        await Assertions.Expect(manager.Locator("#member-list tr", new() { HasText = name })).ToContainTextAsync(T(lang, "عضو", "Membre"));
        await membership.Locator("input[type=checkbox]").CheckAsync();
        await membership.GetByRole(AriaRole.Button, new() { Name = T(lang, "مغادرة التعاونية", "Quitter la coopérative") }).ClickAsync();
        await Assertions.Expect(member.Locator(".notice")).ToContainTextAsync(T(lang, "غادرت", "Vous avez quitté"));
        await Assertions.Expect(member.Locator("#memberships li").First).ToContainTextAsync(T(lang, "انتهت العضوية", "Adhésion terminée"));
        await AssertLanguageAsync(member, lang);
    }
}
