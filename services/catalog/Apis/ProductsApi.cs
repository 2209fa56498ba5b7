using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tadamon.Catalog.Model;
using Tadamon.Contracts.Catalog;
using Tadamon.Messaging;

namespace Tadamon.Catalog.Apis;

/// <summary>A cooperative keeps its products: drafts, publication, prices and stock.</summary>
public static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Products");
        products.MapPost("/", Create).WithName("CreateProduct").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator).WithSummary("Add a draft product to a cooperative");
        products.MapPut("/{id:guid}", Update).WithName("UpdateProduct").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator)
            .WithSummary("Change a product's text, category, unit, price or photos (a published one is re-published)");
        products.MapPost("/{id:guid}/publish", Publish).WithName("PublishProduct").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator).WithSummary("Put a draft on sale");
        products.MapPost("/{id:guid}/stock", Restock).WithName("RestockProduct").EvictsMarketCache().For(Roles.CooperativeManager, Roles.Operator).WithSummary("Add units to what can be sold");
        products.MapSearchEndpoints();
        products.MapPhotoEndpoints();
        return products;
    }

    public sealed record ProductRequest(
        Guid CooperativeId,
        [Required, StringLength(200, MinimumLength = 2)] string NameAr,
        [Required, StringLength(200, MinimumLength = 2)] string NameFr,
        [StringLength(4000)] string? DescriptionAr,
        [StringLength(4000)] string? DescriptionFr,
        [Required] string Category,
        [Required, OpenApiConventions.Values(typeof(Units), nameof(Units.All))] string Unit,
        [Range(typeof(decimal), "0.01", "1000000")] decimal PriceMad,
        [MaxLength(8)] string[]? PhotoUrls,
        [Range(0, 1_000_000)] int Stock);

    public sealed record RestockRequest([Range(1, 1_000_000)] int Add);

    private static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ProductRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        if (!services.CanManage(request.CooperativeId)) return Problems.Forbidden(services.Http);
        if (Invalid(request, services.Http) is { } invalid) return invalid;
        if (!await services.Db.Cooperatives.AnyAsync(c => c.Id == request.CooperativeId, ct))
            return Problems.Invalid(services.Http, nameof(request.CooperativeId), "Coopérative inconnue.", "تعاونية غير معروفة.");

        var product = new Product
        {
            CooperativeId = request.CooperativeId, NameAr = "", NameFr = "", Category = "", Unit = "",
            StockAvailable = request.Stock,
        };
        Apply(request, product, services.Clock.GetUtcNow());
        services.Db.Products.Add(product);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/products/{product.Id}", ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProductRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var product = await services.Db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        if (Invalid(request, services.Http) is { } invalid) return invalid;
        if (request.CooperativeId != product.CooperativeId)
            return Problems.Invalid(services.Http, nameof(request.CooperativeId),
                "Un produit ne change pas de coopérative.", "لا يمكن نقل منتج إلى تعاونية أخرى.");

        var oldPrice = product.PriceMad;
        var oldTerms = (product.NameAr, product.NameFr, product.Unit);
        Apply(request, product, services.Clock.GetUtcNow());
        if (product.Status == ProductStatus.Published)
        {
            // Orders keeps its own price book: tell it what it charges from now on.
            if ((product.NameAr, product.NameFr, product.Unit) != oldTerms) services.Db.AddIntegrationEvent(Published(product));
            else if (product.PriceMad != oldPrice)
                services.Db.AddIntegrationEvent(new ProductPriceChanged(product.Id, product.CooperativeId, product.PriceMad));
        }
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ProblemHttpResult>> Publish(
        Guid id, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var product = await services.Db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);
        if (product.Status == ProductStatus.Published) return TypedResults.Ok(ProductResponse.From(product));
        if (!await services.Db.Cooperatives.AnyAsync(c => c.Id == product.CooperativeId && c.Status == CooperativeStatus.Verified, ct))
            return Problems.Conflict(services.Http, "Seule une coopérative vérifiée peut vendre.",
                "لا يمكن البيع إلا لتعاونية تم التحقق منها.", "cooperative-not-verified");

        PublishThroughOutbox(services.Db, product);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ProblemHttpResult>> Restock(
        Guid id, RestockRequest request, [AsParameters] CatalogServices services, CancellationToken ct)
    {
        var product = await services.Db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return TypedResults.NotFound();
        if (!services.CanManage(product.CooperativeId)) return Problems.Forbidden(services.Http);

        // A relative update: it cannot overwrite a reservation made in between.
        await services.Db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.StockAvailable, x => x.StockAvailable + request.Add)
            .SetProperty(x => x.UpdatedAt, services.Clock.GetUtcNow()), ct);
        var updated = await services.Db.Products.AsNoTracking().FirstAsync(p => p.Id == id, ct);
        return TypedResults.Ok(ProductResponse.From(updated));
    }

    /// <summary>Publishes a product the normal way: status and event in one save. Demo seeding uses it too.</summary>
    public static void PublishThroughOutbox(Infrastructure.CatalogDbContext db, Product product)
    {
        product.Publish();
        db.AddIntegrationEvent(Published(product));
    }

    private static ProductPublished Published(Product p) => new(p.Id, p.CooperativeId, p.NameAr, p.NameFr, p.Unit, p.PriceMad);

    private static void Apply(ProductRequest request, Product product, DateTimeOffset now)
    {
        product.NameAr = request.NameAr.Trim();
        product.NameFr = request.NameFr.Trim();
        product.DescriptionAr = request.DescriptionAr?.Trim() ?? "";
        product.DescriptionFr = request.DescriptionFr?.Trim() ?? "";
        product.Category = request.Category;
        product.Unit = request.Unit;
        product.PriceMad = decimal.Round(request.PriceMad, 2);
        product.PhotoUrls = [.. request.PhotoUrls ?? []];
        product.UpdatedAt = now;
        product.RefreshSearchText();
    }

    private static ValidationProblem? Invalid(ProductRequest request, HttpContext http)
    {
        if (!Categories.IsKnown(request.Category))
            return Problems.Invalid(http, nameof(request.Category), "Catégorie inconnue.", "فئة غير معروفة.");
        if (!Units.IsKnown(request.Unit))
            return Problems.Invalid(http, nameof(request.Unit), "Unité inconnue.", "وحدة غير معروفة.");
        if (request.PhotoUrls?.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) == true)
            return Problems.Invalid(http, nameof(request.PhotoUrls), "Les photos sont des adresses http(s).", "يجب أن تكون الصور روابط http(s).");
        return null;
    }
}
