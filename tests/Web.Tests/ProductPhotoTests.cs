using System.Text.RegularExpressions;
using Tadamon.TestSupport;
using static Tadamon.Web.Tests.Site;

namespace Tadamon.Web.Tests;

/// <summary>Product photos in the market: how the list asks for them, and a cooperative manager keeping them.</summary>
[Collection("web")]
public sealed class ProductPhotoTests(PlatformFixture platform, BrowserFixture browser)
{
    private readonly Site _site = new(platform, browser);

    [Fact]
    public async Task The_product_list_shows_each_demo_cover_through_the_gateway_with_srcset_dimensions_and_lazy_loading()
    {
        // Dates: a category only the demo data sells (other tests add products, some without photos).
        var page = await _site.VisitWithAxeAsync("ar");
        await page.GotoAsync("/products?category=dates");
        var images = page.Locator("ul.grid li.card img");
        var count = await images.CountAsync();
        Assert.True(count >= 3, $"only {count} product photos on the list");
        Assert.Equal(0, await page.Locator("ul.grid .photo-none").CountAsync()); // every demo product has its picture

        for (var i = 0; i < count; i++)
        {
            var image = images.Nth(i);
            Assert.Matches(@"^/api/catalog/photos/([0-9a-f]{64})/320 320w, /api/catalog/photos/\1/640 640w, /api/catalog/photos/\1/960 960w$",
                await image.GetAttributeAsync("srcset")); // the demo pictures are drawn 960 px wide
            Assert.False(string.IsNullOrWhiteSpace(await image.GetAttributeAsync("sizes")));
            Assert.True(int.Parse((await image.GetAttributeAsync("width"))!) > 0 && int.Parse((await image.GetAttributeAsync("height"))!) > 0);
            Assert.Equal(i < 2 ? "eager" : "lazy", await image.GetAttributeAsync("loading"));
            var alt = await image.GetAttributeAsync("alt");
            await Assertions.Expect(page.Locator("ul.grid li.card").Nth(i).GetByRole(AriaRole.Link, new() { Name = alt!, Exact = true })).ToBeVisibleAsync();
        }

        // The first cover really arrives, through the gateway, as a WebP the browser decodes, cached for a year.
        await Assertions.Expect(images.First).ToHaveJSPropertyAsync("complete", true);
        // A decoded picture has a size; a broken one has none (with srcset, the size is scaled to the slot's width).
        Assert.True(await images.First.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        var src = await images.First.GetAttributeAsync("src");
        using var response = await _site.Api.GetAsync(src);
        response.EnsureSuccessStatusCode();
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_cooperative_manager_uploads_photos_picks_the_cover_and_removes_one_on_an_accessible_page()
    {
        const string lang = "fr";
        var manager = await _site.VisitAsync(lang);
        await LogInAsync(manager, lang, "cooperative@tadamon.ma");
        var nameFr = $"Huile d'argan en photo {Guid.NewGuid().ToString()[..6]}";
        await manager.GotoAsync("/cooperative/products/new");
        await manager.GetByLabel("Nom en arabe").FillAsync($"زيت أركان {nameFr[^6..]}");
        await manager.GetByLabel("Nom en français").FillAsync(nameFr);
        await manager.GetByLabel("Prix en dirhams (MAD)").FillAsync("300");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#product-status")).ToHaveTextAsync("Publié");
        var productPath = new Uri(manager.Url).AbsolutePath;
        await Assertions.Expect(manager.GetByText("Ce produit n'a pas encore de photo.")).ToBeVisibleAsync();

        var upload = manager.GetByLabel("Ajouter une photo");
        var send = manager.GetByRole(AriaRole.Button, new() { Name = "Envoyer la photo" });
        var photos = manager.Locator("ol.photo-list > li");
        await upload.SetInputFilesAsync(new FilePayload { Name = "huile.png", MimeType = "image/png", Buffer = TestPictures.Png(900, 600, 200, 140, 30) });
        await send.ClickAsync();
        await Assertions.Expect(photos).ToHaveCountAsync(1);
        await Assertions.Expect(manager.Locator(".notice")).ToHaveTextAsync("Photo ajoutée.");
        await upload.SetInputFilesAsync(new FilePayload { Name = "pot.png", MimeType = "image/png", Buffer = TestPictures.Png(600, 800, 40, 90, 160) });
        await send.ClickAsync();
        await Assertions.Expect(photos).ToHaveCountAsync(2);
        await Assertions.Expect(photos.First).ToContainTextAsync("couverture");
        var second = await photos.Nth(1).Locator("img").GetAttributeAsync("src");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Faire de la photo 2 la couverture" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToHaveTextAsync("Cette photo est maintenant la couverture.");
        await Assertions.Expect(photos.First.Locator("img")).ToHaveAttributeAsync("src", second!);

        // Not a photo: the service's reason, in the page's language, and nothing added.
        await upload.SetInputFilesAsync(new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "pas une photo"u8.ToArray() });
        await send.ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Alert)).ToContainTextAsync("JPEG, PNG ou WebP");
        await Assertions.Expect(photos).ToHaveCountAsync(2);

        // The page as it stands, photos and forms, in French and in Arabic.
        var checker = await _site.CheckerForAsync(manager);
        await checker.GotoAsync(productPath);
        await AssertAccessibleAsync(checker);
        await checker.GotoAsync($"/language/ar?back={Uri.EscapeDataString(productPath)}");
        await AssertLanguageAsync(checker, "ar");
        await Assertions.Expect(checker.GetByRole(AriaRole.Button, new() { Name = "احذف الصورة 2" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(checker);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Supprimer la photo 2" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".notice")).ToHaveTextAsync("Photo supprimée.");
        await Assertions.Expect(photos).ToHaveCountAsync(1);

        // Buyers see the cover the manager chose on the product's page, named by the product.
        var buyer = await _site.VisitAsync(lang);
        await buyer.GotoAsync(Regex.Replace(productPath, "^/cooperative", ""));
        var cover = buyer.Locator(".product-photo img");
        await Assertions.Expect(cover).ToHaveAttributeAsync("alt", nameFr);
        await Assertions.Expect(cover).ToHaveAttributeAsync("src", new Regex("^/api/catalog/photos/[0-9a-f]{64}/600$"));
        await Assertions.Expect(cover).ToHaveAttributeAsync("srcset", new Regex("320w, .+ 600w$"));
        await Assertions.Expect(cover).ToHaveAttributeAsync("height", "800");
    }
}
