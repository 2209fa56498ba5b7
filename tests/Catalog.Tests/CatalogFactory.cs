using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tadamon.Catalog.Apis;
using Tadamon.Catalog.Infrastructure;
using Tadamon.TestSupport;

namespace Tadamon.Catalog.Tests;

public class CatalogFactory() : ServiceFactory<CatalogDbContext>("catalogdb")
{
    public HttpClient As(string role, string user = "someone", Guid? scope = null) => CreateClient().ActingAs(user, role, scope);

    public HttpClient Operator() => As(Roles.Operator, "operator-1");

    // Long enough that a slow machine cannot see an entry expire within one test: expiry is not what tests check.
    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("Catalog:MarketCacheSeconds", "300");

    /// <summary>A fresh cooperative of this test's own, verified by an operator.</summary>
    public async Task<Guid> VerifiedCooperativeAsync(string region = "souss-massa", string nameFr = "Coopérative Tifawine")
    {
        var applied = await As(Roles.CooperativeManager, "manager").PostAsJsonAsync("/cooperatives", new
        {
            nameAr = "تعاونية تيفاوين", nameFr, region, province = "Taroudant", type = "Women",
            productFamilies = new[] { "argan-oil" }, contactPhone = "0528000000",
        });
        applied.EnsureSuccessStatusCode();
        var id = (await applied.Content.ReadFromJsonAsync<CooperativesApi.CooperativeResponse>(Json))!.Id;
        (await Operator().PostAsync($"/cooperatives/{id}/verify", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A published product of that cooperative, with the given stock.</summary>
    public async Task<ProductResponse> PublishedProductAsync(Guid cooperativeId, int stock, string nameFr = "Huile d'argan", string nameAr = "زيت أركان",
        decimal price = 120m, string category = "argan-oil")
    {
        var manager = As(Roles.CooperativeManager, "manager", cooperativeId);
        var created = await manager.PostAsJsonAsync("/products", new
        {
            cooperativeId, nameAr, nameFr, category, unit = "litre", priceMad = price, stock,
            photoUrls = new[] { "https://example.org/argan.jpg" },
        });
        created.EnsureSuccessStatusCode();
        var product = (await created.Content.ReadFromJsonAsync<ProductResponse>(Json))!;
        var published = await manager.PostAsync($"/products/{product.Id}/publish", null);
        published.EnsureSuccessStatusCode();
        return (await published.Content.ReadFromJsonAsync<ProductResponse>(Json))!;
    }

    public async Task<T> InScopeAsync<T>(Func<CatalogDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), scope.ServiceProvider);
    }

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
