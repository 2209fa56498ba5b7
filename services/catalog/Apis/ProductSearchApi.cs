using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;

namespace Tadamon.Catalog.Apis;

public sealed record ProductResponse(
    Guid Id, Guid CooperativeId, string NameAr, string NameFr, string DescriptionAr, string DescriptionFr,
    string Category, string Unit, decimal PriceMad, IReadOnlyList<string> PhotoUrls, int StockAvailable, string Status,
    IReadOnlyList<ProductPhoto> Photos)
{
    /// <summary>What lists and pages show first: the first photo in the manager's order.</summary>
    public ProductPhoto? Cover => Photos.Count > 0 ? Photos[0] : null;

    public static ProductResponse From(Product p) => FromEntity(p);

    /// <summary>
    /// The response built in the query itself: only its columns leave PostgreSQL (not the search text, which is
    /// as long as both descriptions), and no Product entity is built on the way.
    /// </summary>
    public static readonly Expression<Func<Product, ProductResponse>> AsResponse = p => new ProductResponse(
        p.Id, p.CooperativeId, p.NameAr, p.NameFr, p.DescriptionAr, p.DescriptionFr, p.Category, p.Unit,
        p.PriceMad, p.PhotoUrls, p.StockAvailable, p.Status.ToString(), p.Photos);

    private static readonly Func<Product, ProductResponse> FromEntity = AsResponse.Compile();
}

public enum ProductSort { Newest, PriceAsc, PriceDesc, Name }

/// <summary>The buyer's view of the market: published products of cooperatives that are allowed to sell.</summary>
public static class ProductSearchApi
{
    public static void MapSearchEndpoints(this RouteGroupBuilder products)
    {
        products.MapGet("/", Search).WithName("SearchProducts").Public().CacheOutput(MarketCache.Policy)
            .WithSummary("Search the market: text (Arabic/French, accents and case ignored), category, region, cooperative, price range; sorted and paged (page size at most 100)");
        products.MapGet("/{id:guid}", Get).WithName("GetProduct").Public().CacheOutput(MarketCache.Policy).WithSummary("One product");
    }

    public sealed record SearchQuery(
        string? Q, string? Category, string? Region, Guid? CooperativeId, decimal? MinPrice, decimal? MaxPrice,
        ProductSort? Sort, int? Page, int? PageSize);

    private static async Task<Ok<Page<ProductResponse>>> Search(
        [AsParameters] SearchQuery query, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var (number, size) = Paging.Clamp(query.Page, query.PageSize);
        var db = services.Db;
        var products =
            from p in db.Products.AsNoTracking()
            join c in db.Cooperatives on p.CooperativeId equals c.Id
            where p.Status == ProductStatus.Published && c.Status == CooperativeStatus.Verified
            select new { p, c.Region };

        foreach (var word in SearchText.Fold(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            var pattern = $"%{EscapeLike(word)}%";
            products = products.Where(x => EF.Functions.Like(x.p.SearchText, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(query.Category)) products = products.Where(x => x.p.Category == query.Category);
        if (!string.IsNullOrWhiteSpace(query.Region)) products = products.Where(x => x.Region == query.Region);
        if (query.CooperativeId is { } cooperativeId) products = products.Where(x => x.p.CooperativeId == cooperativeId);
        if (query.MinPrice is { } min) products = products.Where(x => x.p.PriceMad >= min);
        if (query.MaxPrice is { } max) products = products.Where(x => x.p.PriceMad <= max);

        var sorted = (query.Sort ?? ProductSort.Newest) switch
        {
            ProductSort.PriceAsc => products.OrderBy(x => x.p.PriceMad).ThenBy(x => x.p.Id),
            ProductSort.PriceDesc => products.OrderByDescending(x => x.p.PriceMad).ThenBy(x => x.p.Id),
            ProductSort.Name => products.OrderBy(x => x.p.NameFr).ThenBy(x => x.p.Id),
            _ => products.OrderByDescending(x => x.p.CreatedAt).ThenBy(x => x.p.Id),
        };
        var page = await sorted.Skip((number - 1) * size).Take(size).Select(x => x.p).Select(ProductResponse.AsResponse).ToListAsync(ct);
        // A short page tells the total by itself; only a full one (or an empty one past the end) needs the count.
        var total = page.Count is > 0 and var n && n < size ? (number - 1) * size + n : await products.CountAsync(ct);
        return TypedResults.Ok(new Page<ProductResponse>(page, number, size, total));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> Get(Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var found = await (
            from p in services.Db.Products.AsNoTracking()
            join c in services.Db.Cooperatives on p.CooperativeId equals c.Id
            where p.Id == id
            select new { p, c.Status }).FirstOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();
        var onSale = found.p.Status == ProductStatus.Published && found.Status == CooperativeStatus.Verified;
        // Drafts and suspended cooperatives' products exist only for those who manage them.
        return onSale || services.CanManage(found.p.CooperativeId) ? TypedResults.Ok(ProductResponse.From(found.p)) : TypedResults.NotFound();
    }

    private static string EscapeLike(string word) => word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
