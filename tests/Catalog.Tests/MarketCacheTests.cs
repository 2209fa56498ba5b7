using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Apis;

namespace Tadamon.Catalog.Tests;

/// <summary>Anonymous market reads come from the output cache; edits evict it and signed-in callers bypass it.</summary>
public sealed class MarketCacheTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private async Task<int> AnonymousStockAsync(Guid productId) =>
        (await catalog.CreateClient().GetFromJsonAsync<ProductResponse>($"/products/{productId}", CatalogFactory.Json))!.StockAvailable;

    private Task<int> SetStockBehindTheApiAsync(Guid productId, int stock) =>
        catalog.InScopeAsync((db, _) => db.Products.Where(p => p.Id == productId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.StockAvailable, stock)));

    [Fact]
    public async Task When_stock_changes_behind_the_api_Should_serve_anonymous_buyers_the_cached_answer_until_an_edit_evicts_it()
    {
        var cooperative = await catalog.VerifiedCooperativeAsync();
        var product = await catalog.PublishedProductAsync(cooperative, stock: 9);
        Assert.Equal(9, await AnonymousStockAsync(product.Id));

        await SetStockBehindTheApiAsync(product.Id, 4);

        Assert.Equal(9, await AnonymousStockAsync(product.Id));
        var signedIn = await catalog.Operator().GetFromJsonAsync<ProductResponse>($"/products/{product.Id}", CatalogFactory.Json);
        Assert.Equal(4, signedIn!.StockAvailable);

        var restocked = await catalog.As(Roles.CooperativeManager, "manager", cooperative)
            .PostAsJsonAsync($"/products/{product.Id}/stock", new { add = 1 });
        restocked.EnsureSuccessStatusCode();

        Assert.Equal(5, await AnonymousStockAsync(product.Id));
    }

    [Fact]
    public async Task When_a_cooperative_is_suspended_Should_drop_its_products_from_cached_searches_at_once()
    {
        var word = "cache" + Guid.NewGuid().ToString("N")[..8];
        var cooperative = await catalog.VerifiedCooperativeAsync();
        await catalog.PublishedProductAsync(cooperative, stock: 3, nameFr: $"Miel {word}");
        async Task<int> FoundAsync() =>
            (await catalog.CreateClient().GetFromJsonAsync<Page<ProductResponse>>($"/products?q={word}", CatalogFactory.Json))!.Items.Count;
        Assert.Equal(1, await FoundAsync());

        var suspended = await catalog.Operator().PostAsJsonAsync($"/cooperatives/{cooperative}/suspend", new { reason = "Contrôle qualité en cours" });
        suspended.EnsureSuccessStatusCode();

        Assert.Equal(0, await FoundAsync());
    }
}
