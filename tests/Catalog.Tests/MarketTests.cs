using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tadamon.Catalog.Apis;

namespace Tadamon.Catalog.Tests;

/// <summary>Cooperatives' vetting, products' publication and the buyer's search, through the HTTP API.</summary>
public sealed class MarketTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private static string UniqueWord() => "terroir" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Page<ProductResponse>> SearchAsync(string query) =>
        (await catalog.CreateClient().GetFromJsonAsync<Page<ProductResponse>>($"/products?{query}", CatalogFactory.Json))!;

    [Fact]
    public async Task When_a_buyer_tries_to_verify_a_cooperative_Should_be_forbidden_with_problem_details()
    {
        var applied = await catalog.As(Roles.CooperativeManager).PostAsJsonAsync("/cooperatives", new
        {
            nameAr = "تعاونية الأمل", nameFr = "Coopérative Al Amal", region = "oriental", province = "Figuig", type = "Youth",
            contactPhone = "0536000000",
        });
        var id = (await applied.Content.ReadFromJsonAsync<CooperativesApi.CooperativeResponse>(CatalogFactory.Json))!.Id;

        var response = await catalog.As(Roles.Buyer).PostAsync($"/cooperatives/{id}/verify", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"nameAr":"ت","nameFr":"Coop","region":"souss-massa","province":"Tiznit","type":"Women","contactPhone":"0528000000"}""", "NameAr")]
    [InlineData("""{"nameAr":"تعاونية","nameFr":"Coop","region":"atlantis","province":"Tiznit","type":"Women","contactPhone":"0528000000"}""", "Region")]
    [InlineData("""{"nameAr":"تعاونية","nameFr":"Coop","region":"souss-massa","province":"Tiznit","type":"Women","contactPhone":"12"}""", "ContactPhone")]
    public async Task When_an_application_is_invalid_Should_answer_400_validation_problem_naming_the_field(string body, string field)
    {
        var response = await catalog.As(Roles.CooperativeManager).PostAsync("/cooperatives",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task When_a_product_has_an_unknown_category_Should_answer_400_in_arabic_when_asked()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var manager = catalog.As(Roles.CooperativeManager, "manager", cooperative);
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ar-MA");

        var response = await manager.PostAsJsonAsync("/products", new
        {
            cooperativeId = cooperative, nameAr = "زيت", nameFr = "Huile", category = "spaceships", unit = "litre", priceMad = 10m, stock = 1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var category = (await ProblemAsync(response)).GetProperty("errors").GetProperty("Category")[0].GetString();
        Assert.Equal("فئة غير معروفة.", category);
    }

    [Fact]
    public async Task When_publishing_for_a_cooperative_not_yet_verified_Should_answer_409()
    {
        var applied = await catalog.As(Roles.CooperativeManager).PostAsJsonAsync("/cooperatives", new
        {
            nameAr = "تعاونية النحل", nameFr = "Coopérative des abeilles", region = "fes-meknes", province = "Ifrane", type = "Mixed",
            contactPhone = "0535000000",
        });
        var cooperative = (await applied.Content.ReadFromJsonAsync<CooperativesApi.CooperativeResponse>(CatalogFactory.Json))!.Id;
        var manager = catalog.As(Roles.CooperativeManager, "manager", cooperative);
        var created = await manager.PostAsJsonAsync("/products", new
        {
            cooperativeId = cooperative, nameAr = "عسل", nameFr = "Miel", category = "honey", unit = "kg", priceMad = 200m, stock = 5,
        });
        var product = (await created.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!;

        var response = await manager.PostAsync($"/products/{product.Id}/publish", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("cooperative-not-verified", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task When_searching_without_accents_or_case_Should_find_french_and_arabic_text()
    {
        var word = UniqueWord();
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, 3, nameFr: $"Huile d'ARGÂNE {word}", nameAr: $"زيت أركان {word}");

        var french = await SearchAsync($"q={Uri.EscapeDataString($"huile argane {word.ToUpperInvariant()}")}");
        var arabic = await SearchAsync($"q={Uri.EscapeDataString($"زيت اركان {word}")}");
        var other = await SearchAsync($"q={Uri.EscapeDataString($"miel {word}")}");

        Assert.Equal([product.Id], french.Items.Select(p => p.Id));
        Assert.Equal([product.Id], arabic.Items.Select(p => p.Id));
        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task When_filtering_by_cooperative_and_price_Should_sort_and_cap_the_page_size()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync(region: "draa-tafilalet");
        foreach (var price in new[] { 90m, 30m, 60m, 500m })
            await catalog.PublishedProductAsync(cooperative, 5, nameFr: $"Dattes {price}", category: "dates", price: price);

        var page = await SearchAsync($"cooperativeId={cooperative}&region=draa-tafilalet&category=dates&minPrice=30&maxPrice=100&sort=PriceDesc&pageSize=500");

        Assert.Equal([90m, 60m, 30m], page.Items.Select(p => p.PriceMad));
        Assert.Equal((3, Paging.MaxPageSize), (page.Total, page.PageSize));
    }

    [Fact]
    public async Task When_a_cooperative_is_suspended_Should_hide_its_products_from_buyers()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, 3);

        var suspended = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{cooperative}/suspend", new { reason = "Contrôle sanitaire en cours" });

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Empty((await SearchAsync($"cooperativeId={cooperative}")).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await catalog.CreateClient().GetAsync($"/products/{product.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await catalog.Operator().GetAsync($"/products/{product.Id}")).StatusCode);
    }

    [Fact]
    public async Task When_a_manager_lists_their_products_Should_see_drafts_that_buyers_and_other_managers_cannot()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var manager = catalog.As(Roles.CooperativeManager, "manager", cooperative);
        var created = await manager.PostAsJsonAsync("/products", new
        {
            cooperativeId = cooperative, nameAr = "كسكس", nameFr = "Couscous d'orge", category = "couscous", unit = "kg", priceMad = 35m, stock = 12,
        });
        var draft = (await created.Content.ReadFromJsonAsync<ProductResponse>(CatalogFactory.Json))!;

        var own = await manager.GetFromJsonAsync<Page<CooperativesApi.StockedProduct>>($"/cooperatives/{cooperative}/products", CatalogFactory.Json);
        var stranger = await catalog.As(Roles.CooperativeManager, "other", Guid.NewGuid()).GetAsync($"/cooperatives/{cooperative}/products");

        Assert.Equal([(draft.Id, "Draft")], own!.Items.Select(p => (p.Product.Id, p.Product.Status)));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Empty((await SearchAsync($"cooperativeId={cooperative}")).Items);
    }
}
