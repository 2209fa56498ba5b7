using System.Text.RegularExpressions;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>The market as buyers, cooperative managers and operators click through it, in Arabic and in French.</summary>
[Collection("web")]
public sealed class MarketJourneyTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    /// <summary>Search, product page, basket, checkout with cash on delivery, confirmation, the order's page.</summary>
    private static async Task<string> BuyAsync(IPage page, string lang, string search, string productName)
    {
        await page.GotoAsync("/");
        await page.GetByLabel(T(lang, "ابحث عن منتج", "Chercher un produit")).FillAsync(search);
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "بحث", "Chercher"), Exact = true }).ClickAsync();
        await AssertLanguageAsync(page, lang);
        await page.GetByRole(AriaRole.Link, new() { Name = productName, Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(productName);
        await page.GetByLabel(T(lang, "الكمية", "Quantité")).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "أضف إلى السلة", "Ajouter au panier") }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/cart$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = productName })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "إتمام الطلب", "Passer la commande") }).ClickAsync();

        await page.GetByLabel(T(lang, "اسم المستلم", "Nom du destinataire")).FillAsync("Fatima Zahra Bennani");
        await page.GetByLabel(T(lang, "الهاتف", "Téléphone")).FillAsync("0612345678");
        await page.GetByLabel(T(lang, "الجهة", "Région")).SelectOptionAsync("marrakech-safi");
        await page.GetByLabel(T(lang, "المدينة", "Ville")).FillAsync("Kelâat Es-Sraghna");
        await page.GetByLabel(T(lang, "العنوان", "Adresse"), new() { Exact = true }).FillAsync("12 Hay Salam");
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "تأكيد الطلب", "Confirmer la commande") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T(lang, "تم تسجيل طلبك", "Commande enregistrée"));
        await AssertLanguageAsync(page, lang);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(T(lang, "^الطلب ", "^Commande ")) }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(T(lang, "تتبع الطلب", "Suivi de commande"));
        return page.Url;
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_buyer_orders_and_follows_the_order(string lang)
    {
        var page = await _site.VisitAsync(lang);
        await RegisterAsync(page, lang, "Youssef El Amrani", "buyer");
        var orderUrl = await BuyAsync(page, lang, T(lang, "أركان", "argan"), T(lang, "زيت أركان غذائي", "Huile d'argan alimentaire"));

        // Stock is reserved through the broker: the order moves from Placed to Confirmed on its own.
        await ReloadUntilVisibleAsync(page, page.Locator("#order-status", new() { HasText = T(lang, "مؤكد", "Confirmée") }), "the order confirmed");
        await Assertions.Expect(page.Locator("ol.timeline li").First).ToContainTextAsync(T(lang, "مسجل", "Passée"));
        await page.GetByRole(AriaRole.Link, new() { Name = T(lang, "كل طلباتي", "Toutes mes commandes") }).ClickAsync();
        await Assertions.Expect(page.Locator($"a[href='{new Uri(orderUrl).AbsolutePath}']")).ToBeVisibleAsync();
        await AssertLanguageAsync(page, lang);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task A_cooperative_manager_adds_a_product_and_prepares_its_order_which_the_buyer_then_tracks(string lang)
    {
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, "cooperative@tadamon.ma");
        var nameFr = $"Amlou aux amandes {Guid.NewGuid().ToString()[..6]}";
        var nameAr = $"أملو باللوز {nameFr[^6..]}";
        await manager.GetByRole(AriaRole.Link, new() { Name = T(lang, "إضافة منتج", "Ajouter un produit") }).ClickAsync();
        await manager.GetByLabel(T(lang, "الاسم بالعربية", "Nom en arabe")).FillAsync(nameAr);
        await manager.GetByLabel(T(lang, "الاسم بالفرنسية", "Nom en français")).FillAsync(nameFr);
        await manager.GetByLabel(T(lang, "الوصف بالفرنسية", "Description en français")).FillAsync("Amlou de la coopérative, amandes et huile d'argan.");
        await manager.GetByLabel(T(lang, "الفئة", "Catégorie")).SelectOptionAsync("amlou");
        await manager.GetByLabel(T(lang, "الوحدة", "Unité")).SelectOptionAsync("jar");
        await manager.GetByLabel(T(lang, "الثمن بالدرهم", "Prix en dirhams (MAD)")).FillAsync("85.50");
        await manager.GetByLabel(T(lang, "المخزون الأولي", "Stock initial")).FillAsync("12");
        await manager.GetByRole(AriaRole.Button, new() { Name = T(lang, "حفظ", "Enregistrer") }).ClickAsync();
        await Assertions.Expect(manager.Locator("#product-status")).ToHaveTextAsync(T(lang, "منشور", "Publié"));

        // A buyer finds it (once orders' price book has it) and orders two jars.
        var buyer = await _site.VisitAsync(lang);
        await RegisterAsync(buyer, lang, "Salma Idrissi", "buyer");
        var productName = T(lang, nameAr, nameFr);
        await buyer.GotoAsync($"/products?q={Uri.EscapeDataString(nameFr)}");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Link, new() { Name = productName })).ToBeVisibleAsync();
        var orderUrl = await RetryAsync(() => BuyAsync(buyer, lang, nameFr, productName), "a checkout once the price book knows the product");

        // The order shows up to prepare once stock is reserved; the manager marks it ready.
        await manager.GotoAsync("/cooperative");
        var card = manager.Locator("li.card", new() { HasText = productName });
        await ReloadUntilVisibleAsync(manager, card, "the order to prepare");
        // Orders may answer "changed meanwhile, try again" (its events move the order too): the manager does try again.
        for (var attempt = 1; ; attempt++)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = T(lang, "الطلب جاهز للاستلام", "Marquer prête pour l'enlèvement") }).ClickAsync();
            if (attempt == 3 || !await manager.GetByRole(AriaRole.Alert).IsVisibleAsync()) break;
        }
        await Assertions.Expect(manager.Locator(".notice")).ToContainTextAsync(T(lang, "الطلب جاهز", "Commande prête"));
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await AssertLanguageAsync(manager, lang);

        // The buyer sees the courier take it on: a tracking number and the parcel's timeline.
        await buyer.GotoAsync(orderUrl);
        await ReloadUntilVisibleAsync(buyer, buyer.Locator("ol.timeline li", new() { HasText = T(lang, "رقم التتبع", "N° de suivi") }), "the tracking number");
        await Assertions.Expect(buyer.Locator("#order-status")).Not.ToHaveTextAsync(T(lang, "مؤكد", "Confirmée"));
    }

    [Fact]
    public async Task The_operator_s_account_form_pages_through_the_centres_it_can_scope_an_account_to()
    {
        var page = await _site.VisitAsync("fr");
        await LogInAsync(page, "fr", "operateur@tadamon.ma");
        // One centre per page: the demo's five centres need five pages of the list.
        await page.GotoAsync("/operator?pageSize=1");
        var centres = page.Locator("#acc-scope optgroup[label='Centres'] option");
        await Assertions.Expect(centres).ToHaveCountAsync(1);
        var first = await centres.InnerTextAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages des centres de la liste" })
            .GetByRole(AriaRole.Link, new() { Name = "Page suivante" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("centresPage=2"));
        await Assertions.Expect(centres).ToHaveCountAsync(1);
        Assert.NotEqual(first, await centres.InnerTextAsync());
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fr")]
    public async Task An_operator_verifies_a_cooperative_and_opens_its_manager_s_account(string lang)
    {
        var token = await _site.TokenForNewAccountAsync("buyer", "Aicha Ait Brahim");
        var nameFr = $"Coopérative Tighanimine {Guid.NewGuid().ToString()[..6]}";
        var nameAr = $"تعاونية تيغانيمين {nameFr[^6..]}";
        var cooperativeId = (await _site.SendAsync(HttpMethod.Post, "/api/catalog/cooperatives", token, new
        {
            nameAr, nameFr, region = "souss-massa", province = "Taroudant", type = "Women", contactPhone = "0528000000",
        }, expected: 201)).GetProperty("id").GetString()!;

        var page = await _site.VisitAsync(lang);
        await LogInAsync(page, lang, "operateur@tadamon.ma");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/operator$"));
        var card = page.Locator("li.card", new() { HasText = T(lang, nameAr, nameFr) });
        await card.GetByRole(AriaRole.Button, new() { Name = T(lang, $"التحقق من {nameAr}", $"Vérifier {nameFr}") }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync(T(lang, "تم التحقق من التعاونية", "Coopérative vérifiée"));
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await AssertLanguageAsync(page, lang);

        // The operator then opens the account of the cooperative's manager, who finds their own space.
        var managerEmail = $"gerante-{Guid.NewGuid():N}@example.ma";
        await page.GetByLabel(T(lang, "الاسم", "Nom"), new() { Exact = true }).FillAsync("Itto Ait Lahcen");
        await page.GetByLabel(T(lang, "البريد الإلكتروني", "Email"), new() { Exact = true }).FillAsync(managerEmail);
        await page.GetByLabel(T(lang, "كلمة مرور أولية", "Mot de passe initial")).FillAsync("Bien-Longue-2026");
        await page.GetByLabel(T(lang, "الدور", "Rôle"), new() { Exact = true }).SelectOptionAsync("cooperative-manager");
        await page.GetByLabel(T(lang, "التعاونية أو المركز أو الجمعية", "Coopérative, centre ou association")).SelectOptionAsync(cooperativeId);
        await page.GetByRole(AriaRole.Button, new() { Name = T(lang, "إنشاء الحساب", "Créer le compte") }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync(T(lang, "أنشئ حساب Itto Ait Lahcen", "Compte de Itto Ait Lahcen créé"));

        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, managerEmail, "Bien-Longue-2026");
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/cooperative$"));
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(T(lang, nameAr, nameFr));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try { return await attempt(); }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(1000); }
            catch (Exception ex) { throw new TimeoutException($"Timed out waiting for {what}.", ex); }
        }
    }
}
